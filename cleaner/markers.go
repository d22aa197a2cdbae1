package cleaner

import "strings"

// The one marker vocabulary of both modes: short headings and labels that
// are page furniture, never article text. HTML mode removes the box a
// marker heads (rule related-box) and drops a paragraph that is only a
// marker; text-dump mode ends the article at a marker that follows the
// prose (rule end-marker). Entries are matched as whole lines, case- and
// diacritic-insensitively (trFold), trailing punctuation ignored. A
// profile adds its own entries with article.markers.

// markerKind tells what a marker heads.
type markerKind uint8

const (
	// markRelated heads a related / read-more / most-read list.
	markRelated markerKind = iota + 1
	// markFurniture is a share, print, comment, tag or back-to-top bar.
	markFurniture
	// markLabel is a lone button or link label ("Facebook", "Zalo"): a
	// paragraph that is only this is dropped, but it ends nothing.
	markLabel
)

// markerTable is the vocabulary, folded (see trFold).
var markerTable = map[string]markerKind{
	"co the ban quan tam": markRelated, "ban co the quan tam": markRelated, "nen xem": markRelated,
	"tin khac": markRelated, "cac tin khac": markRelated, "xem them": markRelated, "xem tiep": markRelated,
	"tin cung chuyen muc": markRelated, "cung chuyen muc": markRelated, "tin cung loai": markRelated,
	"tin lien quan": markRelated, "bai lien quan": markRelated, "bai viet lien quan": markRelated,
	"tin tuc lien quan": markRelated, "co lien quan": markRelated, "doc them": markRelated,
	"doc tiep": markRelated, "tin moi": markRelated, "tin moi nhat": markRelated, "tin moi hon": markRelated,
	"tin cu hon": markRelated, "doc nhieu": markRelated, "tin doc nhieu": markRelated, "xem nhieu": markRelated,
	"tin xem nhieu": markRelated, "tin noi bat": markRelated, "tin hot": markRelated, "bai truoc do": markRelated,
	"tin bai khac": markRelated, "bai viet khac": markRelated, "cac bai viet khac": markRelated,
	"chia se": markFurniture, "chia se bai viet": markFurniture, "in bai viet": markFurniture, "in bai": markFurniture,
	"len top": markFurniture, "ve dau trang": markFurniture, "len dau trang": markFurniture,
	"tro ve dau trang": markFurniture, "phien ban di dong": markFurniture, "binh luan": markFurniture,
	"gui binh luan": markFurniture, "y kien ban doc": markFurniture, "tu khoa": markFurniture,
	"tags": markFurniture, "tag": markFurniture, "ban in": markFurniture,
	"gui bai viet": markLabel, "gui email": markLabel, "email": markLabel, "facebook": markLabel,
	"twitter": markLabel, "zalo": markLabel, "quay lai": markLabel, "tro ve": markLabel,
	"print": markLabel, "share": markLabel,
}

// markerMaxRunes bounds a marker line: longer lines are never markers.
const markerMaxRunes = 40

// markerLineMaxRunes bounds a labelled furniture line ("Tags: …").
const markerLineMaxRunes = 200

// markerOf returns the kind of marker line is (0 when it is none), also
// looking in extra, a profile's own entries (folded). Besides the
// entries themselves, two shapes are furniture: a tag line ("Tags: a b",
// "Từ khóa: …") and a tool bar of share/print labels ("Chia sẻ | In bài
// viết | Lên top", "In bài viết Gửi bài viết", "Chia sẻ Theo dõi … trên
// Google News").
func markerOf(line string, extra map[string]bool) markerKind {
	if line == "" || trRunesOver(line, markerLineMaxRunes) {
		return 0
	}
	if !trRunesOver(line, markerMaxRunes) {
		f := trFold(line)
		if k := markerTable[f]; k != 0 {
			return k
		}
		if extra[f] {
			return markRelated
		}
	}
	if markerIsTagLine(line) || markerIsToolBar(line) {
		return markFurniture
	}
	return 0
}

// markerTagLabels are the labels of a tag line, folded.
var markerTagLabels = map[string]bool{"tags": true, "tag": true, "tu khoa": true, "tu khoa lien quan": true, "chu de": true}

// markerIsTagLine reports whether line is "<tag label>: tags".
func markerIsTagLine(line string) bool {
	label, rest, ok := strings.Cut(line, ":")
	return ok && strings.TrimSpace(rest) != "" && !trRunesOver(label, 20) && markerTagLabels[trFold(label)]
}

// markerToolWords are the words of share and print bars, folded.
var markerToolWords = map[string]bool{
	"chia": true, "se": true, "in": true, "bai": true, "viet": true, "len": true, "top": true, "zalo": true,
	"facebook": true, "fb": true, "twitter": true, "luu": true, "email": true, "gui": true, "binh": true,
	"luan": true, "sao": true, "chep": true, "link": true, "copy": true, "print": true, "share": true,
	"quay": true, "lai": true, "ve": true, "dau": true, "trang": true, "theo": true, "doi": true, "tren": true,
	"google": true, "news": true, "tin": true, "nghe": true, "doc": true, "ban": true,
}

// markerToolBarMaxRunes bounds a tool bar line.
const markerToolBarMaxRunes = 80

// markerIsToolBar reports whether line is a bar of share / print labels:
// it starts with "Chia sẻ", "In bài" or "Gửi bài" and holds at least two
// labels; after "Chia sẻ" a few other words ("Theo dõi Báo X trên Google
// News") may follow, never a sentence.
func markerIsToolBar(line string) bool {
	if trRunesOver(line, markerToolBarMaxRunes) || strings.HasSuffix(strings.TrimSpace(line), ".") {
		return false
	}
	words := strings.FieldsFunc(trFold(line), func(r rune) bool {
		return r == ' ' || r == '|' || r == ':' || r == '-' || r == '/' || r == ',' || r == '•' || r == '·'
	})
	if len(words) < 3 {
		return false
	}
	start := words[0] + " " + words[1]
	if start != "chia se" && start != "in bai" && start != "gui bai" {
		return false
	}
	unknown := 0
	for _, w := range words {
		if !markerToolWords[w] {
			unknown++
		}
	}
	return unknown == 0 || (start == "chia se" && unknown <= 4 && words[len(words)-1] == "news")
}

// markerSet folds a profile's extra marker entries.
func markerSet(entries []string) map[string]bool {
	if len(entries) == 0 {
		return nil
	}
	m := make(map[string]bool, len(entries))
	for _, e := range entries {
		m[trFold(e)] = true
	}
	return m
}
