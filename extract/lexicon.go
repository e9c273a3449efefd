package extract

import "strings"

// Word lists behind the figure rules. Keys are lower-case with the new tone
// placement (see foldTone); multi-syllable entries are space-separated.

// Count categories of figures.md.
const (
	catMembers     = "members"
	catUnions      = "unions"
	catEnterprises = "enterprises"
	catAgencies    = "agencies"
	catHouses      = "houses"
	catGifts       = "gifts"
	catPeople      = "people"
	catOther       = "other"
)

// countNouns are nouns that are counted in union reports, with their
// category. A noun not listed here can still be a count's unit (see
// unitAt); this list fixes where a compound ends and what it means.
var countNouns = map[string]string{}

func addNouns(cat string, words ...string) {
	for _, w := range words {
		countNouns[foldPhrase(w)] = cat
	}
}

func init() {
	addNouns(catMembers, "đoàn viên", "đvcđ", "cnvclđ", "cnvc", "cnlđ", "clđ", "nlđ",
		"người lao động", "lao động", "lđ", "công nhân", "công nhân lao động",
		"công nhân viên chức lao động", "công nhân viên chức", "công nhân viên",
		"công chức", "viên chức", "cbccvc", "ccvc", "cbcc", "cbcnv", "cbcnvc",
		"cbcnvclđ", "cnv", "hội viên", "người lao động nữ",
		"lao động nữ", "nữ công nhân", "nữ đoàn viên", "công nhân nữ", "cnlđ nữ")
	addNouns(catUnions, "cđcs", "công đoàn cơ sở", "công đoàn", "lđlđ", "cđ",
		"tổ công đoàn", "công đoàn ngành", "công đoàn cấp trên", "nghiệp đoàn",
		"công đoàn bộ phận", "cđbp", "cđcs thành viên", "công đoàn cơ sở thành viên",
		"liên đoàn lao động", "công đoàn viên chức", "công đoàn cấp trên cơ sở", "cđ ngành",
		"ban chấp hành", "tổ chức công đoàn")
	addNouns(catEnterprises, "doanh nghiệp", "dn", "công ty", "hợp tác xã", "htx",
		"nhà máy", "xí nghiệp", "cơ sở sản xuất", "tập đoàn", "tổng công ty",
		"chi nhánh", "cơ sở kinh doanh", "cửa hàng", "nhà đầu tư")
	addNouns(catAgencies, "cơ quan", "đơn vị", "trường", "trường học", "bệnh viện",
		"cơ quan đơn vị", "sở", "ngành", "phòng", "ban", "xã", "phường", "thị trấn",
		"huyện", "quận", "tỉnh", "thành phố", "địa phương", "tổ chức", "ubnd", "trạm y tế",
		"trung tâm")
	addNouns(catHouses, "nhà", "căn nhà", "ngôi nhà", "mái ấm", "mái ấm công đoàn",
		"nhà mái ấm công đoàn", "nhà ở", "căn hộ", "nhà đại đoàn kết", "nhà tình nghĩa",
		"nhà tình thương", "nhà nhân ái", "nhà công đoàn", "nhà mái ấm", "căn")
	addNouns(catGifts, "suất quà", "phần quà", "suất", "phần", "quà", "túi quà",
		"gói quà", "quà tết", "suất quà tết", "phần quà tết", "thùng quà", "giỏ quà",
		"quà tặng", "vé xe", "vé tàu", "vé máy bay", "vé")
	addNouns(catPeople, "người", "lượt", "cán bộ", "cán bộ công đoàn",
		"cá nhân", "đồng chí", "thành viên", "đại biểu", "học sinh", "sinh viên",
		"trẻ em", "cháu", "em", "học viên", "giáo viên", "bệnh nhân", "người dân",
		"đảng viên", "thanh niên", "phụ nữ", "chiến sĩ", "cán bộ chiến sĩ",
		"y bác sĩ", "bác sĩ", "nhân viên", "vận động viên", "vđv",
		"thí sinh", "tác giả", "người tham gia", "khách", "du khách", "hành khách",
		"nạn nhân",
		"người nghèo", "cựu chiến binh", "chủ tịch", "phó chủ tịch", "ủy viên",
		"cán bộ công nhân viên", "chuyên gia", "tình nguyện viên", "nông dân",
		"ngư dân", "tài xế", "lái xe", "cụ", "bà con", "đồng bào", "nhà giáo", "đồng nghiệp",
		"công dân", "cư dân", "thầy cô", "thầy cô giáo", "người bệnh", "phụ huynh",
		"lãnh đạo", "hướng dẫn viên", "anh chị", "bị cáo", "bị can", "học trò",
		"giám đốc", "phó giám đốc", "tổng giám đốc", "phó tổng giám đốc", "vợ chồng")
	addNouns(catOther, "dự án", "tỉnh thành", "khu công nghiệp", "kcn", "khu chế xuất",
		"cụm công nghiệp", "chỗ", "chỗ ngồi", "gia đình", "hộ", "hộ gia đình", "hộ nghèo", "trường hợp", "đồng hồ",
		"tập thể", "tấn", "tạ", "kg", "kilogam", "gam", "lít", "ha", "héc ta",
		"km", "mét", "m", "m2", "m3", "mét vuông", "mét khối", "lần", "cờ thi đua",
		"bằng khen", "giấy khen", "cờ", "vụ", "vụ việc", "cuộc", "cuộc thi", "buổi",
		"lớp", "hội nghị", "hội thảo", "đợt", "sáng kiến", "đề tài", "giải pháp",
		"công trình", "phần việc", "thỏa thuận", "thỏa ước", "thỏa ước lao động tập thể",
		"bản thỏa ước", "chương trình", "kế hoạch", "văn bản", "bài", "bài viết",
		"tin", "tin bài", "ý kiến", "kiến nghị", "đơn", "đơn thư", "chỉ tiêu",
		"nhiệm vụ", "giải", "giải thưởng", "huy chương", "học bổng", "suất học bổng",
		"xe", "chiếc", "chăn ấm", "áo ấm", "khẩu trang", "chuyến", "chuyến xe",
		"chuyến tàu", "điểm", "tiêu chí", "nội dung", "mô hình", "câu lạc bộ",
		"clb", "đội", "tổ", "nhóm", "hồ sơ", "sản phẩm", "mặt hàng", "cây",
		"con", "bộ", "cái", "trang", "quyển", "cuốn", "sổ", "thẻ", "lớp tập huấn",
		"khóa", "khóa học", "khâu đột phá", "đột phá", "cao điểm", "tập huấn",
		"hoạt động", "phong trào", "ca", "ca mắc", "ca nhiễm", "ca bệnh", "ca tử vong",
		"ngôi trường", "phòng học", "phòng", "điểm trường", "giường bệnh", "suất ăn",
		"bữa ăn", "thiết chế", "thiết chế công đoàn", "nghị quyết", "quyết định",
		"bộ sách", "bộ quần áo", "xuất", "tác phẩm", "bức", "chiến dịch", "sự kiện",
		"gian hàng", "mẫu", "món", "loại", "lượt truy cập", "phương án", "dây chuyền",
		"cổ phiếu", "đầu mối", "kỳ", "phiên", "thùng", "bao", "chai", "hộp", "gói",
		"túi", "tấm", "bình", "máy", "bộ máy tính", "máy tính", "tivi", "tủ lạnh",
		"bếp", "nồi", "vòng", "trận", "lốp", "tuyến", "đường", "cầu", "km đường",
		"bộ hồ sơ", "ô tô", "xe máy", "xe đạp", "ha đất", "căn phòng", "phòng trọ",
		"nhà trọ", "nhà văn hóa", "điểm sinh hoạt", "sân chơi", "kiến nghị",
		"vụ tai nạn", "vụ tai nạn lao động", "cuộc đình công", "cuộc ngừng việc",
		"tập thể lao động", "hợp đồng", "hợp đồng lao động", "tài liệu", "tờ rơi",
		"pano", "áp phích", "băng rôn", "khẩu hiệu", "cuộc kiểm tra", "cuộc giám sát",
		"nhà cung cấp", "nhãn hàng", "sản phẩm ocop", "biểu mẫu", "câu hỏi",
		// compounds whose head alone is a noun too, or that the two-syllable
		// guess would cut ("giấy khai", "đoàn kiểm")
		"giấy tờ", "giấy khai sinh", "giấy chứng nhận", "giấy chứng tử", "giấy phép",
		"giấy phép lái xe", "giấy mời", "giấy chứng minh", "giấy ra viện", "giấy báo",
		"nhóm ngành", "nhóm hàng", "nhóm sản phẩm", "nhóm giải pháp", "nhóm nhiệm vụ",
		"nhóm đối tượng", "nhóm tuổi", "nhóm lớp", "nhóm nghề", "nhóm chỉ tiêu",
		"đoàn kiểm tra", "đoàn công tác", "đoàn giám sát", "đoàn thanh tra",
		"đoàn khảo sát", "đoàn liên ngành", "đoàn đại biểu", "đoàn cứu trợ", "đoàn tàu",
		"đoàn xe", "loại hình", "loại giấy tờ", "loại thuốc", "loại vắc xin",
		"điểm cầu", "điểm thi", "điểm bán", "điểm bán hàng", "điểm giao dịch",
		"điểm tiêm", "điểm tiêm chủng", "điểm du lịch", "điểm đến", "điểm nóng", "điểm đen",
		"điểm mới", "điểm nổi bật", "điểm sáng", "điểm nghẽn", "điểm tập kết",
		"điểm trông giữ", "điểm phát", "điểm xét nghiệm", "điểm cách ly", "điểm chốt",
		"điểm dừng", "điểm dừng chân", "điểm đỗ", "điểm đỗ xe", "điểm nhấn", "điểm thu mua",
		"điểm tư vấn", "điểm hỗ trợ", "điểm vui chơi", "điểm đảo", "điểm ảnh", "điểm giao cắt",
		"điểm vi phạm", "điểm ngập", "điểm sạt lở", "điểm tham quan", "điểm phát quà",
		"điểm khám", "điểm cấp phát", "điểm bầu cử", "điểm trông xe", "điểm trông giữ xe",
		"phần thưởng", "đối tác", "cuốn sách", "đầu sách", "bức tranh", "bức ảnh",
		"lá cờ", "lá thư", "lá đơn", "tấm lòng", "kỷ niệm chương", "chứng chỉ", "máy bay")
	addNouns(catPeople, "tấm gương", "đối tượng", "gương mặt",
		"người có công", "thương binh", "liệt sĩ", "gia đình chính sách")
}

// foldPhrase lower-cases a phrase and unifies the tone placement of each
// syllable, the key form of every word list here.
func foldPhrase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		ws[i] = foldTone(w)
	}
	return strings.Join(ws, " ")
}

// maxNounLen is the longest countNouns entry, in syllables.
const maxNounLen = 6

// classifiers are printed before a noun and stay in the unit ("căn nhà",
// "chiếc khẩu trang", "đôi tất", "khâu đột phá").
var classifiers = setOf("đứa", "căn", "chiếc", "đôi", "con", "cái", "bộ", "suất", "phần",
	"khâu", "đợt", "lớp", "tấm", "bức", "cuốn", "quyển", "ngôi", "tòa", "gói", "hộp",
	"thùng", "bao", "chai", "lon", "túi", "bản", "cặp", "mảnh", "giỏ", "bình", "xuất",
	"phong", "hũ", "vỉ", "bó", "chuyến", "cây", "lá", "tập", "viên", "khóa", "kỳ", "bộ",
	"loại")

// timeUnits follow a number in a duration or an age, which is not a
// scored figure ("6 tháng đầu năm", "92 năm", "3-4 ngày", "87 tuổi").
var timeUnits = setOf("năm", "tháng", "ngày", "tuần", "giờ", "phút", "giây", "tiếng",
	"thập kỷ", "thế kỷ", "thập niên", "quý", "tuổi", "đêm", "buổi sáng", "buổi chiều",
	"h", "ngày đêm", "mùa", "kỳ", "tết", "học kỳ", "nhiệm kỳ", "năm học")

// stopWords cannot begin a count's unit: after them, a number has no noun
// of its own ("năm 2021 và", "đạt 90 trở lên").
var stopWords = setOf("và", "của", "là", "chứ", "tùy", "tuỳ", "đã", "được", "có", "trong", "với", "tại",
	"cho", "do", "để", "sẽ", "từ", "đến", "tới", "lên", "về", "khi", "thì", "nhưng",
	"này", "đó", "các", "những", "mỗi", "một", "hay", "hoặc", "cũng", "đang", "vừa",
	"nên", "mà", "vì", "như", "theo", "sau", "trước", "trên", "dưới", "hơn", "khoảng",
	"gần", "so", "bị", "không", "chưa", "đều", "còn", "ra", "vào", "qua", "rồi", "nữa",
	"thuộc", "gồm", "đạt", "tăng", "giảm", "chiếm", "bằng", "trở", "ở", "nay", "này",
	"ấy", "kia", "nào", "ai", "gì", "đây", "thêm", "lại", "năm", "tháng", "ngày",
	"với", "người", "trên", "tổng", "cả", "toàn", "mới", "cùng", "nhau", "riêng",
	"sang", "đi", "nhất", "hết", "luôn", "thứ", "lần", "đầu", "cuối", "giữa",
	"trở lên", "kể", "tính", "đồng", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm",
	"chục", "vạn", "phần", "số", "bình", "mức", "rằng", "nếu", "thế", "vậy", "khác",
	"nhiều", "ít", "ngoài", "nhằm", "bởi", "phải", "cần", "chỉ", "vẫn", "xuống",
	"tr", "k", "đ", "hàng", "thành", "tham", "ủng", "hỗ", "khó", "dễ", "đủ", "ước",
	"hằng", "phấn", "bắt", "bắt đầu", "tiếp tục")

// approxWords qualify the number right after them. With stacked
// qualifiers the one next to the number decides ("khoảng gần" = under).
var approxWords = []struct {
	words  string
	approx string
}{
	{"không dưới", "over"}, {"ít nhất", "over"}, {"tối thiểu", "over"},
	{"trên", "over"}, {"hơn", "over"}, {"vượt", "over"}, {"vượt mức", "over"},
	{"chưa đến", "under"}, {"chưa tới", "under"}, {"chưa đầy", "under"},
	{"không quá", "under"}, {"tối đa", "under"}, {"gần", "under"}, {"dưới", "under"},
	{"ít hơn", "under"}, {"kém hơn", "under"}, {"không tới", "under"},
	{"khoảng", "about"}, {"xấp xỉ", "about"}, {"chừng", "about"}, {"ước", "about"},
	{"ước tính", "about"}, {"ước khoảng", "about"}, {"gần như", "about"}, {"tầm", "about"},
	{"lên tới", ""}, {"lên đến", ""}, {"có đến", ""}, {"trung bình", ""}, {"có tới", ""},
	{"nhiều hơn", "over"}, {"không ít hơn", "over"}, {"cao hơn", "over"},
	{"không hơn", "under"}, {"không cao hơn", "under"}, {"thấp hơn", "under"},
	{"ước đạt", "about"}, {"ít nhất là", "over"}, {"tối đa là", "under"},
	{"không vượt quá", "under"}, {"gần bằng", "under"}, {"trên dưới", "about"}, {"không nhiều hơn", "under"},
}

// vagueMagnitudes follow "hàng": "hàng chục", "hàng trăm", "hàng nghìn".
var vagueMagnitudes = map[string]int32{"chục": 1, "trăm": 2, "nghìn": 3, "ngàn": 3,
	"vạn": 4, "triệu": 6, "tỷ": 9, "tỉ": 9}

// currencies map the words and signs printed for money to ISO codes.
// Multi-word forms come first in currencyPhrases.
var currencies = map[string]string{
	"đồng": "VND", "vnđ": "VND", "vnd": "VND", "đ": "VND", "₫": "VND", "việt nam đồng": "VND",
	"usd": "USD", "đô": "USD", "đô la": "USD", "đôla": "USD", "đô la mỹ": "USD", "đô mỹ": "USD",
	"$": "USD", "us$": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR",
	"yên": "JPY", "yen": "JPY", "jpy": "JPY", "¥": "JPY", "yên nhật": "JPY",
	"bảng anh": "GBP", "gbp": "GBP", "£": "GBP", "pounds": "GBP", "pound": "GBP",
	"won": "KRW", "uôn": "KRW", "krw": "KRW", "nhân dân tệ": "CNY", "ndt": "CNY",
	"cny": "CNY", "tệ": "CNY", "rupee": "INR", "rupees": "INR", "rs": "INR", "inr": "INR",
	"₹": "INR", "ringgit": "MYR", "myr": "MYR", "baht": "THB", "bạt": "THB", "thb": "THB",
	"aed": "AED", "dirham": "AED", "xu": "cent", "xen": "cent", "cent": "cent", "cents": "cent",
	"franc": "CHF", "chf": "CHF", "rúp": "RUB", "rub": "RUB", "kíp": "LAK", "riel": "KHR",
	"sgd": "SGD", "aud": "AUD", "cad": "CAD", "hkd": "HKD", "đô la singapore": "SGD",
	"đô la úc": "AUD", "đô la canada": "CAD", "đô la hồng kông": "HKD",
}

// moneyContext words make a bare "triệu"/"tỷ" money: the sentence is about
// pay, support, prices or funds.
var moneyContext = setOf("tiền", "lương", "thu nhập", "hỗ trợ", "ủng hộ", "trị giá",
	"giá trị", "kinh phí", "vốn", "quỹ", "thưởng", "doanh thu", "lợi nhuận", "nộp",
	"đóng góp", "tài trợ", "quyên góp", "vay", "nợ", "giá", "phụ cấp", "trợ cấp",
	"bồi thường", "đầu tư", "ngân sách", "chi", "thu", "tặng", "trao", "kinh phí công đoàn",
	"đoàn phí", "bảo hiểm", "học bổng", "tiền mặt", "ngân hàng", "lãi", "chi phí",
	"đồng", "số tiền", "vnđ", "vnd", "usd", "tỷ đồng", "triệu đồng", "tiết kiệm", "mua",
	"bán", "thuê", "lãi suất")

// ordinalBefore words turn the number after them into a name or a rank,
// not a quantity: "lần thứ 2", "đợt 2", "quận 3", "Điều 21", "số 02".
var ordinalBefore = phraseSetOf("thứ", "đợt", "kỳ", "khóa", "lần", "trung ương", "quận", "phường",
	"điều", "khoản", "chương", "mục", "tầng", "phòng", "lô", "xóm", "ấp", "thôn",
	"tổ", "đội", "hạng", "vòng", "bảng", "trang", "tập", "bài", "câu", "phần",
	"kỳ họp", "hẻm", "ngõ", "ngách", "km", "quốc lộ", "tỉnh lộ", "đường", "phiên",
	"mùa", "lớp", "khối", "cấp", "nhóm", "top", "tiểu đoàn", "trung đoàn", "sư đoàn",
	"kíp", "ca", "cổng", "bến", "khu", "dãy", "block", "tuyến", "chuyến", "ghế", "ô",
	"khoá", "hiệp", "ván", "set", "game", "level")

// docBefore words name documents; a number after them is the document's
// number: "Nghị quyết 02", "Quyết định số 217", "Chỉ thị 03".
var docBefore = phraseSetOf("nghị quyết", "quyết định", "chỉ thị", "công văn", "thông tư",
	"nghị định", "kế hoạch", "thông báo", "hướng dẫn", "luật", "tờ trình", "báo cáo",
	"giấy phép", "công điện", "pháp lệnh", "văn bản", "kết luận", "quy định", "đề án",
	"chương trình", "hiến pháp", "bộ luật", "thông tri", "nghị quyết liên tịch",
	"thông tư liên tịch", "quy chế", "giấy chứng nhận", "biên bản", "hợp đồng")

// dateKeywords come before a day: "ngày 7.2", "Sáng 23/6", "chiều 10-2".
var dateKeywords = phraseSetOf("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "mùng",
	"mồng", "rạng sáng", "khuya", "sáng sớm", "chiều tối", "hôm nay", "từ ngày",
	"đến ngày", "chiều ngày", "sáng ngày", "tối ngày")

// periodKeywords come before "YYYY - YYYY" periods.
var periodKeywords = phraseSetOf("nhiệm kỳ", "nhiệm kì", "giai đoạn", "năm học", "thời kỳ",
	"niên khóa", "niên học")

// monthWords are months written in words: "tháng tám", "tháng mười hai".
// "tháng Giêng" and "tháng Chạp" are lunar months and not listed: lunar dates
// are not dates.
var monthWords = map[string]int{"một": 1, "hai": 2, "ba": 3, "tư": 4,
	"bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10,
	"mười một": 11, "mười hai": 12}

// phraseSet is a set of phrases with the set of their last words, so that
// a look-up backwards from a number stops at once on most words.
type phraseSet struct {
	all, last map[string]bool
}

func phraseSetOf(phrases ...string) phraseSet {
	ps := phraseSet{all: setOf(phrases...), last: map[string]bool{}}
	for p := range ps.all {
		ws := strings.Fields(p)
		ps.last[ws[len(ws)-1]] = true
	}
	return ps
}

// approxSets group approxWords by their approx value.
var approxSets = func() map[string]phraseSet {
	byValue := map[string][]string{}
	for _, a := range approxWords {
		byValue[a.approx] = append(byValue[a.approx], a.words)
	}
	out := map[string]phraseSet{}
	for v, ws := range byValue {
		out[v] = phraseSetOf(ws...)
	}
	return out
}()

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[foldPhrase(w)] = true
	}
	return m
}
