package extract

// Rules are user-supplied per-site selectors, tried before the generic
// rules.
//
// STUB: being written.
type Rules struct{}
