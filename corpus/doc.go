// Package corpus holds the domain types that flow between tinso's stages:
// a fetched or read Document, the Article extracted from it and the Figures
// found in the article's body.
//
// corpus is the root of the dependency graph: it must not import net/http,
// bleve or goquery. Numbers are kept as exact decimals (Decimal) so that
// "1,041 triệu" is exactly 1041000 and never a float product.
package corpus
