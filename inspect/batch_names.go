package inspect

// CookieNames names the distinct cookies of the store's undo record, in
// its order: what a batch deleted there (the UI's undo history lists
// them).
func (bs BatchStore) CookieNames() []CookieName { return storeLabels(bs) }
