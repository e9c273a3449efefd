package extract

// Version names the extractor's behaviour. The corpus stores it with each
// article, and `tinso reextract` re-runs extraction on articles extracted
// by another version. Bump it whenever cleaning or figure rules change
// what Extract returns.
const Version = "0.3.5"
