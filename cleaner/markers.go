package cleaner

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

// markerOf returns the kind of marker line is (0 when it is none), also
// looking in extra, a profile's own entries (folded).
func markerOf(line string, extra map[string]bool) markerKind {
	if line == "" || trRunesOver(line, markerMaxRunes) {
		return 0
	}
	f := trFold(line)
	if k := markerTable[f]; k != 0 {
		return k
	}
	if extra[f] {
		return markRelated
	}
	return 0
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
