// Package neardup finds near-duplicate texts: MinHash signatures over
// word 5-gram shingles and banded locality-sensitive hashing (LSH). It is
// pure computation; the store keeps the signatures and band keys in bbolt,
// with an in-memory Bloom filter over the band keys in front of them
// (store/neardup_filter.go): a lookup seeks in bbolt only the band keys
// the filter says may be stored, so a new text that shares no band with
// a stored one costs its signature and 56 bit tests, not 56 B+tree
// descents.
//
// # Method
//
// A text is normalised (NFC, lower case, punctuation and symbols dropped,
// single spaces; diacritics kept) and cut into words; each word is
// hashed once with xxhash (github.com/cespare/xxhash/v2), and each
// overlapping 5-word shingle is the xxhash of its five word hashes. The
// normalised text is never built: one pass classifies the runes through
// tables made from the unicode package, and NFC normalisation runs only
// when the text holds a rune outside ASCII, Latin-1/Extended and Latin
// Extended Additional (where Vietnamese letters are precomposed).
//
// The signature holds k = 112 MinHash values made by fast similarity
// sketching (Dahlgaard, Knudsen and Thorup, FOCS 2017) instead of 112
// hash functions per shingle: in round t each shingle is hashed once
// more, the hash picks a position and a value t·2²⁰ + 20 random bits, and
// each position keeps its smallest value; the rounds stop when every
// position is filled (about three rounds for a 300-word article: some
// 900 hashes instead of 33,600). Each position is the minimum of a
// random order of the shingles, so two signatures agree at a position
// with probability equal to the Jaccard similarity J of the two shingle
// sets, and the share of equal positions (Similarity) estimates J with
// the concentration of 112 independent hashes, a standard error of about
// sqrt(J(1-J)/112) ≈ 0.04 at J = 0.27. Plain one-permutation hashing
// with densification was tried and rejected: for short texts its
// densified positions copy a handful of values, so two distinct short
// texts sharing one of their three shingles (J = 0.2) were estimated
// above the threshold.
//
// Params.Scheme records this recipe with the index. An index built by
// an older recipe (scheme 0: 112 multiply-shift hashes per shingle, band
// keys prefixed with the band number) is stale; the store's writable
// Open rebuilds it from the stored texts, as `unionnews dedup -rebuild`
// does.
//
// The signature is cut into b bands of r rows, and each band is one
// 64-bit key (a hash of the band's number and rows). Two texts are
// candidates when they agree on all rows of at least one band, which happens with
// probability 1 - (1 - J^r)^b, an S-curve. Candidates are confirmed when
// the estimated J reaches Params.Threshold.
//
// # Parameters
//
// Syndicated union news is not near-identical: another paper shortens
// the lead, drops or adds a paragraph, adds a caption and edits words.
// Every edited word breaks the five shingles that contain it, so 5% edited
// words alone cost about a quarter of the shingles; measured on generated
// copies of real articles (quality_test.go), the true J of a syndicated
// pair has a median of 0.48 and a 5th percentile of 0.31. Distinct reports
// written from one template (two provinces' "Tết Sum vầy" stories) reach
// J ≈ 0.12 (up to 0.30). datatrove's 14 × 8 bands are tuned for web
// near-copies at J ≈ 0.75 and would find almost none of these, so the
// store uses 56 × 2 (the same 112 hashes) with a threshold of 0.27:
//
//	J      56×2 (used)  28×4     14×8 (datatrove)
//	0.10   0.430        0.003    0.000
//	0.15   0.720        0.014    0.000
//	0.20   0.898        0.044    0.000
//	0.27   0.986        0.139    0.000
//	0.30   0.995        0.204    0.001
//	0.40   1.000        0.516    0.009
//	0.50   1.000        0.836    0.053
//	0.60   1.000        0.979    0.211
//	0.80   1.000        1.000    0.924
//
// (probability that a pair of similarity J becomes a candidate). The
// wide curve makes pairs of J ≈ 0.1 candidates too; they cost one
// signature read each and are rejected by the threshold. Unrelated news
// articles share almost no 5-grams (J < 0.05 between the test's distinct
// articles), so few candidates reach the check. The measured table
// (go test -run TestQuality -v ./store/neardup):
//
//	threshold  recall  precision
//	0.20       0.996   0.941
//	0.25       0.990   0.991
//	0.27       0.981   0.997   ← Default
//	0.30       0.961   0.999
//	0.40       0.779   1.000
//
// (Scheme 0, 112 hash functions, measured 0.972 / 0.997 at 0.27 on the
// same pool.)
// (1,035 syndicated pairs of 69 distinct base stories; 200 templated
// reports, each with one copy, in the same pool.)
//
// # Libraries checked
//
// The Go module proxy serves github.com/ekzhu/minhash-lsh and
// github.com/dgryski/go-minhash only as untagged pseudo-versions (no
// release; the last commits are years old) and
// github.com/shawnohare/go-minhash not at all. minhash-lsh is also an
// in-memory index, while unionnews needs the bands in bbolt. So the
// MinHash here is written by hand (about 150 lines) on xxhash, the
// well-kept hash.
package neardup
