package connection

// Categories exposes the generated category list to the black-box tests.
var Categories = categories
