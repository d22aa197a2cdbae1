package neardup

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"strings"
	"unicode"

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
	// Scheme is the signature scheme the index was built with; an
	// index whose Scheme is not the current one (Scheme) is stale.
	Scheme int `json:",omitempty"`
}

// Scheme numbers the way texts become signatures and band keys. An index
// stored with another scheme (older ones stored none: 0) cannot be
// compared with new signatures and must be rebuilt.
//
//	0 (none)  multiply-shift MinHash, 112 hashes per shingle, bands keyed by index
//	1         fast similarity sketching (a few hashes per shingle); shingles
//	          hashed from word hashes; band index folded into the band key
const Scheme = 1

// Current returns p with the current Scheme.
func (p Params) Current() Params {
	p.Scheme = Scheme
	return p
}

// Stale reports whether p describes an index built with another scheme.
func (p Params) Stale() bool { return p.Scheme != Scheme }

// Default is the index the store uses: 56 bands of 2 rows (112 hashes,
// as many as datatrove's 14 × 8) and an estimated-Jaccard threshold of
// 0.27. See the package documentation for why. Changing it needs
// `unionnews dedup -rebuild`.
var Default = Params{Bands: 56, Rows: 2, Threshold: 0.27, Scheme: Scheme}

// ErrParams reports unusable parameters.
var ErrParams = errors.New("neardup: bands, rows and threshold must be positive, rows ≤ 16 and bands × rows ≤ maxHashes")

// maxHashes bounds the signature length.
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

// Shingles returns the hash of every word 5-gram of the normalised text
// (duplicates included): the xxhash of the 5-gram's word hashes, each
// word hashed once with xxhash. A text of fewer than 5 words is one
// shingle; an empty text has none.
func Shingles(text string) []uint64 {
	return appendShingles(nil, appendWords(nil, text))
}

// Sign returns the MinHash signature of text under p (p.Hashes()
// values). A text without words gets all values at the maximum, which is
// similar to no other text's signature.
func (p Params) Sign(text string) Signature {
	var wa [1024]uint64 // the words of a typical article, on the stack
	w := appendWords(wa[:0], text)
	var sa [1024]uint64
	return p.SignShingles(appendShingles(sa[:0], w))
}

// SignShingles is Sign over precomputed shingle hashes.
//
// It is fast similarity sketching (Dahlgaard, Knudsen and Thorup, FOCS
// 2017) rather than k separate hash functions: in round t every shingle
// x is hashed once more, y = mix64(x ⊕ seed_t); the high bits of y
// choose a position (⌊y·k / 2⁶⁴⌋) and the position keeps the smallest
// value t·2²⁰ + (y mod 2²⁰). Earlier rounds always win, so the rounds
// stop once every position holds a value: after about three rounds for
// an article of 300 words (k = 112), instead of 112 hashes per shingle.
// Each position is still the minimum of an independent random order on
// the shingles, so two texts agree at a position with probability equal
// to their Jaccard similarity, with the concentration of k-hash MinHash
// (the paper's theorem); TestQuality measures it. Short texts take more
// rounds (a single shingle about k·ln k); after maxRounds the few
// positions still empty keep the maximum.
func (p Params) SignShingles(sh []uint64) Signature {
	sig := make(Signature, p.Hashes())
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	if len(sh) == 0 {
		return sig
	}
	k := uint64(len(sig))
	empty := len(sig)
	for t := uint64(0); t < maxRounds && empty > 0; t++ {
		seed := mix64(t ^ roundSeed)
		base := uint32(t) << valueBits
		for _, x := range sh {
			y := mix64(x ^ seed)
			i, _ := bits.Mul64(y, k)
			v := base | uint32(y&(1<<valueBits-1))
			if v < sig[i] {
				if sig[i] == ^uint32(0) {
					empty--
				}
				sig[i] = v
			}
		}
	}
	return sig
}

// valueBits are the random low bits of a signature value; the round is
// above them. maxRounds bounds the rounds (2^(32-valueBits)).
const (
	valueBits = 20
	maxRounds = 1 << (32 - valueBits)
)

// roundSeed and bandSeed are part of the index format (Scheme).
const (
	roundSeed = 0x756e696f6e6e6577 // "unionnew"
	bandSeed  = 0x6e65617264757073 // "neardups"
)

// mix64 is the SplitMix64 finaliser, a bijection of uint64 with full
// avalanche.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
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

// BandKeys returns one 64-bit key per band: a hash of the band's index
// and rows, so keys of different bands differ and need no band prefix.
// Two texts are candidates when any band key is equal.
func (p Params) BandKeys(sig Signature) []uint64 {
	return p.AppendBandKeys(make([]uint64, 0, p.Bands), sig)
}

// AppendBandKeys appends the band keys of sig to dst.
func (p Params) AppendBandKeys(dst []uint64, sig Signature) []uint64 {
	for b := range p.Bands {
		h := mix64(uint64(b) ^ bandSeed)
		for _, v := range sig[b*p.Rows : (b+1)*p.Rows] {
			h = mix64(h ^ uint64(v))
		}
		dst = append(dst, h)
	}
	return dst
}

// SimilarityMarshalled is Similarity of a and a signature in Marshal's
// encoding, without decoding it (0 when the lengths differ).
func SimilarityMarshalled(a Signature, b []byte) float64 {
	if len(b) != 4*len(a) || len(a) == 0 {
		return 0
	}
	eq := 0
	for i, v := range a {
		if binary.LittleEndian.Uint32(b[4*i:]) == v {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
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
