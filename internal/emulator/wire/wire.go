// Package wire is the JSON and identifier plumbing every wing of the emulator shares: answers written as JSON,
// JSON documents copied and merge-patched, and the random and name-derived identifiers the emulator hands out.
package wire

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/google/uuid"
)

// WriteJSON answers with v as JSON (Content-Type and Content-Length set); nil answers with no body (and no
// Content-Type).
func WriteJSON(w http.ResponseWriter, status int, v any) {
	if v == nil {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	data, err := json.Marshal(v)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":{"code":"InternalServerError","message":"encoding failed"}}`)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// DeepCopy clones a JSON document.
func DeepCopy(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	data, _ := json.Marshal(m)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return out
}

// DeepCopyValue clones a JSON value.
func DeepCopyValue(v any) any {
	return DeepCopy(map[string]any{"v": v})["v"]
}

// MergePatch applies an RFC 7396 merge patch to target in place.
func MergePatch(target, patch map[string]any) {
	for k, v := range patch {
		if v == nil {
			delete(target, k)
			continue
		}
		if pm, ok := v.(map[string]any); ok {
			tm, ok := target[k].(map[string]any)
			if !ok {
				tm = map[string]any{}
			}
			MergePatch(tm, pm)
			target[k] = tm
			continue
		}
		target[k] = v
	}
}

// RandomHex is n random bytes in lower-case hex.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// DerivedUUID is a deterministic UUID for a name: the stand-in for a GUID a service assigns once and keeps.
func DerivedUUID(name string) string {
	sum := sha256.Sum256([]byte(name))
	u, _ := uuid.FromBytes(sum[:16])
	u[6] = (u[6] & 0x0f) | 0x50
	u[8] = (u[8] & 0x3f) | 0x80
	return u.String()
}

// DerivedHex is a deterministic lower-case hex string of n bytes for a name.
func DerivedHex(name string, n int) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:n])
}
