package replica

// PlantedStory is a story the replicas serve from more than one URL, as
// union papers syndicate each other: the copies carry other clutter, a
// shorter lead, a paragraph more or less, another caption and a few
// edited words. Canonical is the copy a store must keep by the stable
// rule (the earliest published).
type PlantedStory struct {
	Canonical string
	Copies    []string
}

// PlantedStories lists the cross-site and same-site copies the replicas
// serve, so that `demo` shows clusters: a Tổng Liên đoàn report run by
// laodongdoanthe.vn hours after congdoan.vn, a provincial "Tết Sum vầy"
// report that congdoan.vn ran before laodongdoanthe.vn, and the
// laodongthudo.vn re-post (same text, another URL).
func PlantedStories() []PlantedStory {
	return []PlantedStory{
		{
			Canonical: "https://congdoan.vn/tin-tuc/hoat-dong-cong-doan-44/cac-cap-cong-doan-danh-hon-2-900-ty-dong-cham-lo-tet-cho-nguoi-lao-dong-98752.tld",
			Copies:    []string{"https://laodongdoanthe.vn/hon-2-900-ty-dong-cham-lo-tet-cho-doan-vien-nguoi-lao-dong-81266.html"},
		},
		{
			Canonical: "https://congdoan.vn/tin-tuc/hoat-dong-cong-doan-44/tet-sum-vay-am-ap-cho-cong-nhan-khu-cong-nghiep-dong-van-98760.tld",
			Copies:    []string{"https://laodongdoanthe.vn/ha-nam-tet-sum-vay-am-ap-cho-cong-nhan-khu-cong-nghiep-dong-van-81270.html"},
		},
		{
			Canonical: "https://laodongthudo.vn/kip-thoi-ho-tro-doan-vien-bi-thiet-hai-do-mua-lon-197655.html",
			Copies:    []string{"https://laodongthudo.vn/kip-thoi-ho-tro-doan-vien-bi-thiet-hai-do-mua-lon-197702.html"},
		},
	}
}

// Lookalikes are pairs of distinct stories written from one template:
// two provinces' "Tết Sum vầy" reports sharing their opening, gift and
// speech sentences. A store must keep them apart.
func Lookalikes() [][2]string {
	return [][2]string{{
		"https://laodongdoanthe.vn/ha-nam-tet-sum-vay-am-ap-cho-cong-nhan-khu-cong-nghiep-dong-van-81270.html",
		"https://laodongdoanthe.vn/nam-dinh-mang-tet-sum-vay-den-voi-cong-nhan-nganh-det-may-81272.html",
	}}
}
