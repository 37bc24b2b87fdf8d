package cognitive

import (
	"net/http"
	"strings"

	"github.com/foundrytf/terraform-provider-foundry/internal/emulator/arm"
)

// The kinds of Microsoft.CognitiveServices accounts. The specification leaves `kind` a free string
// (Azure/azure-rest-api-specs#16504 asks for an enum); the service refuses what it does not offer.

// offeredKinds are the kinds a new account may have: the answer of `az cognitiveservices account list-kinds` in 2025
// (transcripts in public repositories), which the service takes as the list of API sets it offers.
var offeredKinds = []string{
	"AIServices", "AnomalyDetector", "CognitiveServices", "ComputerVision", "ContentModerator", "ContentSafety",
	"ConversationalLanguageUnderstanding", "CustomVision.Prediction", "CustomVision.Training", "Face", "FormRecognizer",
	"HealthInsights", "ImmersiveReader", "Internal.AllInOne", "LUIS.Authoring", "LanguageAuthoring", "MetricsAdvisor",
	"OpenAI", "Personalizer", "QnAMaker.v2", "SpeechServices", "TextAnalytics", "TextTranslation",
}

// retiredKinds are kinds of older lists (the specification's examples, azurerm's former enum) that the service no
// longer creates: existing accounts keep them, a new one is refused with ApiSetDisabledForCreation, as observed for
// Emotion (microsoft/XamarinAzure_ShoppingDemoApp#9) and Bing.Autosuggest.v7
// (microsoft/Cognitive-Samples-IntelligentKiosk#130). That the others answer the same is the emulator's reading.
var retiredKinds = []string{
	"Academic", "Bing.Autosuggest", "Bing.Autosuggest.v7", "Bing.CustomSearch", "Bing.Search", "Bing.Search.v7",
	"Bing.Speech", "Bing.SpellCheck", "Bing.SpellCheck.v7", "CRIS", "CustomSpeech", "Emotion", "LUIS", "QnAMaker",
	"Recommendations", "SpeakerRecognition", "Speech", "SpeechTranslation", "WebLM",
}

// Codes of the kind rules: all three observed on Azure.
const (
	// codeInvalidKind: "(InvalidApiSetId) The account type 'spellcheck' is either invalid or unavailable in given
	// region." (Azure/azure-cli#6190; microsoft/microsoft-foundry-for-vscode#145).
	codeInvalidKind = "InvalidApiSetId"
	// codeRetiredKind: "It's not allowed to create new accounts with type 'Bing.Autosuggest.v7'."
	// (microsoft/Cognitive-Samples-IntelligentKiosk#130).
	codeRetiredKind = "ApiSetDisabledForCreation"
	// codeKindUpdate: "It's not allowed to update kind of API account." (Azure/bicep#15446).
	codeKindUpdate = "UpdateKindNotAllowed"
)

// OfferedKinds lists the kinds a new account may have.
func OfferedKinds() []string { return append([]string(nil), offeredKinds...) }

// checkKind refuses a kind the service does not offer for a new account (any casing matches), and any change of
// kind on an existing one.
func checkKind(kind string, ex *resource) *arm.Error {
	if ex != nil {
		if exKind, _ := ex.doc["kind"].(string); !strings.EqualFold(exKind, kind) {
			return arm.Errorf(http.StatusBadRequest, codeKindUpdate, "It's not allowed to update kind of API account. The kind of account '%s' is '%s'.", ex.name(), exKind)
		}
		return nil
	}
	switch {
	case containsFoldString(offeredKinds, kind):
		return nil
	case containsFoldString(retiredKinds, kind):
		return arm.Errorf(http.StatusBadRequest, codeRetiredKind, "It's not allowed to create new accounts with type '%s'.", kind)
	}
	return arm.Errorf(http.StatusBadRequest, codeInvalidKind, "The account type '%s' is either invalid or unavailable in given region.", kind)
}
