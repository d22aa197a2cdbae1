// Package neardup finds near-duplicate texts: MinHash signatures over
// word 5-gram shingles and banded locality-sensitive hashing (LSH). It is
// pure computation; the store keeps the signatures and band keys in bbolt.
//
// # Method
//
// A text is normalised (NFC, lower case, punctuation and symbols dropped,
// single spaces; diacritics kept), cut into overlapping 5-word shingles,
// and each shingle is hashed with xxhash (github.com/cespare/xxhash/v2).
// The signature holds, for each of 112 hash functions
// h_i(x) = (a_i·x + b_i) >> 32 with fixed odd a_i, the minimum over the
// shingles. Two signatures agree at a position with probability equal to
// the Jaccard similarity J of the two shingle sets, so the share of equal
// positions (Similarity) estimates J, with a standard error of
// sqrt(J(1-J)/112), about 0.04 at J = 0.27.
//
// The signature is cut into b bands of r rows. Two texts are candidates
// when they agree on all rows of at least one band, which happens with
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
//	0.20       0.997   0.939
//	0.25       0.986   0.991
//	0.27       0.972   0.997   ← Default
//	0.30       0.945   0.999
//	0.40       0.750   1.000
//
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
