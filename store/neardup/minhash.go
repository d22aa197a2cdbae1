package neardup

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/text/unicode/norm"
)

// Shingle is the number of words in a shingle.
const Shingle = 5

// Signature is a MinHash signature: for each of the hash functions, the
// smallest value it gives over the text's shingles.
type Signature []uint32

// Params are the LSH parameters: Bands × Rows hash functions, and the
// estimated Jaccard similarity a candidate pair must reach.
type Params struct {
	Bands, Rows int
	Threshold   float64
}

// Default is the index the store uses: 56 bands of 2 rows (112 hashes,
// as many as datatrove's 14 × 8) and an estimated-Jaccard threshold of
// 0.27. See the package documentation for why. Changing it needs
// `unionnews dedup -rebuild`.
var Default = Params{Bands: 56, Rows: 2, Threshold: 0.27}

// ErrParams reports unusable parameters.
var ErrParams = errors.New("neardup: bands, rows and threshold must be positive, rows ≤ 16 and bands × rows ≤ maxHashes")

// maxHashes bounds the signature length (the coefficient table's size).
const maxHashes = 256

// Hashes is the signature length, Bands × Rows.
func (p Params) Hashes() int { return p.Bands * p.Rows }

// Validate reports whether p is usable.
func (p Params) Validate() error {
	if p.Bands <= 0 || p.Rows <= 0 || p.Rows > 16 || p.Hashes() > maxHashes || p.Threshold <= 0 || p.Threshold > 1 {
		return ErrParams
	}
	return nil
}

// coef are the multipliers (odd) and addends of the hash family
// h_i(x) = (a_i·x + b_i) >> 32 (multiply-shift, Dietzfelbinger et al.),
// drawn once from a fixed seed with SplitMix64. They are part of the
// index format: signatures stored by one build are compared with those of
// the next, so they never change.
var coef = func() (c [maxHashes][2]uint64) {
	s := uint64(0x756e696f6e6e6577) // "unionnew"
	next := func() uint64 {
		s += 0x9e3779b97f4a7c15
		z := s
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := range c {
		c[i] = [2]uint64{next() | 1, next()}
	}
	return c
}()

// coefA and coefB are coef split for the inner loop of SignShingles.
var coefA, coefB = func() (a, b [maxHashes]uint64) {
	for i, c := range coef {
		a[i], b[i] = c[0], c[1]
	}
	return a, b
}()

// Normalise returns the text the shingles are taken from: NFC,
// lower-cased (Unicode simple folding), punctuation and symbols dropped,
// words separated by single spaces. Diacritics are kept.
func Normalise(text string) string {
	s := norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start, or after a written space
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		space = false
	}
	// Punctuation became spaces, so no letter met a new combining mark:
	// the text is still NFC.
	return strings.TrimSuffix(b.String(), " ")
}

// Shingles returns the 64-bit xxhash of every word 5-gram of the
// normalised text (duplicates included). A text of fewer than 5 words
// is one shingle; an empty text has none.
func Shingles(text string) []uint64 {
	s := Normalise(text)
	if s == "" {
		return nil
	}
	// starts[i] is the byte offset of word i; words are split by one space.
	starts := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			starts = append(starts, i+1)
		}
	}
	n := len(starts)
	if n < Shingle {
		return []uint64{xxhash.Sum64String(s)}
	}
	out := make([]uint64, 0, n-Shingle+1)
	for i := 0; i+Shingle <= n; i++ {
		end := len(s)
		if i+Shingle < n {
			end = starts[i+Shingle] - 1
		}
		out = append(out, xxhash.Sum64String(s[starts[i]:end]))
	}
	return out
}

// Sign returns the MinHash signature of text under p (p.Hashes()
// values). A text without words gets all values at the maximum, which is
// similar to no other text's signature.
func (p Params) Sign(text string) Signature {
	return p.SignShingles(Shingles(text))
}

// SignShingles is Sign over precomputed shingle hashes.
func (p Params) SignShingles(sh []uint64) Signature {
	sig := make(Signature, p.Hashes())
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	a, b := coefA[:len(sig)], coefB[:len(sig)]
	for _, x := range sh {
		for i := range sig {
			sig[i] = min(sig[i], uint32((a[i]*x+b[i])>>32))
		}
	}
	return sig
}

// Similarity is the estimated Jaccard similarity of the two texts: the
// share of positions where the signatures agree. Signatures of different
// lengths have similarity 0.
func Similarity(a, b Signature) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// Similar reports whether two signatures reach p's threshold.
func (p Params) Similar(a, b Signature) bool {
	return Similarity(a, b) >= p.Threshold
}

// BandKeys returns one 64-bit key per band: the xxhash of the band's
// rows. Two texts are candidates when any band key at the same index is
// equal.
func (p Params) BandKeys(sig Signature) []uint64 {
	keys := make([]uint64, p.Bands)
	buf := make([]byte, 4*p.Rows)
	for b := range keys {
		for r := 0; r < p.Rows; r++ {
			binary.LittleEndian.PutUint32(buf[4*r:], sig[b*p.Rows+r])
		}
		keys[b] = xxhash.Sum64(buf)
	}
	return keys
}

// Marshal encodes a signature as little-endian uint32s.
func (s Signature) Marshal() []byte {
	b := make([]byte, 4*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// Unmarshal decodes a signature written by Marshal.
func Unmarshal(b []byte) (Signature, error) {
	if len(b)%4 != 0 {
		return nil, errors.New("neardup: signature length not a multiple of 4")
	}
	s := make(Signature, len(b)/4)
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}
