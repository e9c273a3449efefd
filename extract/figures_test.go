package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"

	"github.com/tinso/tinso/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// brief is the part of a figure a table test states.
type brief struct {
	Kind     corpus.Kind
	Value    string
	Unit     string
	Text     string
	Approx   corpus.Approx
	Category string
	Per      string
	Range    string // "min..max"
	Ratio    string // "num/den"
}

func briefOf(f corpus.Figure) brief {
	b := brief{Kind: f.Kind, Value: f.Value.String(), Unit: f.Unit, Text: f.Text, Approx: f.Approx, Category: f.Category, Per: f.Per}
	if f.Min != nil && f.Max != nil {
		b.Range = f.Min.String() + ".." + f.Max.String()
	}
	if f.Num != nil && f.Den != nil {
		b.Ratio = f.Num.String() + "/" + f.Den.String()
	}
	return b
}

func TestFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []brief
	}{
		{"toàn huyện có 78 CĐCS, với tổng số 1.738 đoàn viên công đoàn", []brief{
			{Kind: "count", Value: "78", Unit: "CĐCS", Text: "78 CĐCS", Category: "unions"},
			{Kind: "count", Value: "1738", Unit: "đoàn viên", Text: "1.738 đoàn viên", Category: "members"},
		}},
		{"với số tiền 90,74 triệu đồng", []brief{{Kind: "money", Value: "90740000", Unit: "VND", Text: "90,74 triệu đồng"}}},
		{"ủng hộ 1.041 triệu đồng", []brief{{Kind: "money", Value: "1041000000", Unit: "VND", Text: "1.041 triệu đồng"}}},
		{"tổng kinh phí 1,2 tỷ đồng", []brief{{Kind: "money", Value: "1200000000", Unit: "VND", Text: "1,2 tỷ đồng"}}},
		{"thu được 30.650.000đ", []brief{{Kind: "money", Value: "30650000", Unit: "VND", Text: "30.650.000đ"}}},
		{"vốn 171.000 tỉ đồng", []brief{{Kind: "money", Value: "171000000000000", Unit: "VND", Text: "171.000 tỉ đồng"}}},
		{"lương 1tr2 đồng", []brief{{Kind: "money", Value: "1200000", Unit: "VND", Text: "1tr2 đồng"}}},
		{"hỗ trợ 2 triệu đồng/người/tháng", []brief{{Kind: "money", Value: "2000000", Unit: "VND", Text: "2 triệu đồng", Per: "người/tháng"}}},
		{"đóng góp hàng chục tỷ đồng/năm", []brief{{Kind: "money", Value: "10000000000", Unit: "VND", Text: "hàng chục tỷ đồng", Approx: "vague", Per: "năm"}}},
		{"lương 3,5 - 3,7 triệu đồng", []brief{{Kind: "money", Value: "3500000", Unit: "VND", Text: "3,5 - 3,7 triệu đồng", Range: "3500000..3700000"}}},
		{"giá thuê 1,5 triệu/tháng, vốn vay khoảng 500 triệu khó mua được nhà", []brief{
			{Kind: "money", Value: "1500000", Unit: "VND", Text: "1,5 triệu", Per: "tháng"},
			{Kind: "money", Value: "500000000", Unit: "VND", Text: "500 triệu", Approx: "about"},
		}},
		{"bán hơn 31,4 triệu ly sữa", []brief{{Kind: "count", Value: "31400000", Unit: "ly sữa", Text: "31,4 triệu ly sữa", Approx: "over", Category: "other"}}},
		{"nghỉ từ 2 đến 5/9, hai ngày 9 và 10-2", []brief{
			{Kind: "date", Value: "--09-02", Unit: "date", Text: "2"},
			{Kind: "date", Value: "--09-05", Unit: "date", Text: "5/9"},
			{Kind: "date", Value: "--02-09", Unit: "date", Text: "9"},
			{Kind: "date", Value: "--02-10", Unit: "date", Text: "10-2"},
		}},
		{"hơn 2/3 số phòng", []brief{{Kind: "ratio", Value: "0.666666666667", Text: "2/3", Approx: "over", Ratio: "2/3"}}},
		{"căn hộ rộng 30m2", []brief{{Kind: "count", Value: "30", Unit: "m2", Text: "30m2", Category: "other"}}},
		{"doanh số 10,3 triệu xe, trong số 16 doanh nghiệp", []brief{
			{Kind: "count", Value: "10300000", Unit: "xe", Text: "10,3 triệu xe", Category: "other"},
			{Kind: "count", Value: "16", Unit: "doanh nghiệp", Text: "16 doanh nghiệp", Category: "enterprises"},
		}},
		{"Sáng nay (10.2), trong tháng 1.2017", []brief{
			{Kind: "date", Value: "--02-10", Unit: "date", Text: "10.2"},
			{Kind: "date", Value: "2017-01", Unit: "date", Text: "tháng 1.2017"},
		}},
		{"trao 500 USD", []brief{{Kind: "money", Value: "500", Unit: "USD", Text: "500 USD"}}},
		{"trao hai tỷ đồng", []brief{{Kind: "money", Value: "2000000000", Unit: "VND", Text: "hai tỷ đồng"}}},
		{"tổng trị giá trên 65 triệu đồng", []brief{{Kind: "money", Value: "65000000", Unit: "VND", Text: "65 triệu đồng", Approx: "over"}}},
		{"trao gần 70.000 suất quà", []brief{{Kind: "count", Value: "70000", Unit: "suất quà", Text: "70.000 suất quà", Approx: "under", Category: "gifts"}}},
		{"khoảng gần 300 người", []brief{{Kind: "count", Value: "300", Unit: "người", Text: "300 người", Approx: "under", Category: "people"}}},
		{"xây hàng trăm căn nhà", []brief{{Kind: "count", Value: "100", Unit: "căn nhà", Text: "hàng trăm căn nhà", Approx: "vague", Category: "houses"}}},
		{"hàng trăm ngàn lượt người", []brief{{Kind: "count", Value: "100000", Unit: "lượt", Text: "hàng trăm ngàn lượt", Approx: "vague", Category: "people"}}},
		{"thu hút hơn 10 ngàn lượt người dự thi", []brief{{Kind: "count", Value: "10000", Unit: "lượt", Text: "10 ngàn lượt", Approx: "over", Category: "people"}}},
		{"kết nạp 9.092 lượt đoàn viên", []brief{{Kind: "count", Value: "9092", Unit: "lượt", Text: "9.092 lượt", Category: "people"}}},
		{"kết nạp mới từ 300 - 500 đoàn viên", []brief{{Kind: "count", Value: "300", Unit: "đoàn viên", Text: "300 - 500 đoàn viên", Category: "members", Range: "300..500"}}},
		{"xây, sửa từ 1 đến 2 nhà \"Mái ấm công đoàn\"", []brief{{Kind: "count", Value: "1", Unit: "nhà", Text: "1 đến 2 nhà", Category: "houses", Range: "1..2"}}},
		{"bàn giao 4 \"Mái ấm Công đoàn\" cho đoàn viên", []brief{{Kind: "count", Value: "4", Unit: "Mái ấm Công đoàn", Text: "4 \"Mái ấm Công đoàn", Category: "houses"}}},
		{"quyên góp 13 tấn hàng hóa", []brief{{Kind: "count", Value: "13", Unit: "tấn", Text: "13 tấn", Category: "other"}}},
		{"ủng hộ 20.000 chiếc khẩu trang vải", []brief{{Kind: "count", Value: "20000", Unit: "chiếc khẩu trang", Text: "20.000 chiếc khẩu trang", Category: "other"}}},
		{"có 42 doanh nghiệp, đơn vị tham gia", []brief{{Kind: "count", Value: "42", Unit: "doanh nghiệp", Text: "42 doanh nghiệp", Category: "enterprises"}}},
		{"doanh nghiệp có từ 25 lao động trở lên", []brief{{Kind: "count", Value: "25", Unit: "lao động", Text: "25 lao động", Approx: "over", Category: "people"}}},
		{"10 triệu đoàn viên", []brief{{Kind: "count", Value: "10000000", Unit: "đoàn viên", Text: "10 triệu đoàn viên", Category: "members"}}},
		{"mười lăm nghìn đoàn viên", []brief{{Kind: "count", Value: "15000", Unit: "đoàn viên", Text: "mười lăm nghìn đoàn viên", Category: "members"}}},
		{"19.000 CĐCS/21.000 doanh nghiệp", []brief{
			{Kind: "count", Value: "19000", Unit: "CĐCS", Text: "19.000 CĐCS", Category: "unions"},
			{Kind: "count", Value: "21000", Unit: "doanh nghiệp", Text: "21.000 doanh nghiệp", Category: "enterprises"},
		}},
		{"đạt tỷ lệ trên 98%", []brief{{Kind: "percent", Value: "98", Unit: "%", Text: "98%", Approx: "over"}}},
		{"đạt 106 % kế hoạch", []brief{{Kind: "percent", Value: "106", Unit: "%", Text: "106 %"}}},
		{"đạt ba mươi phần trăm", []brief{{Kind: "percent", Value: "30", Unit: "%", Text: "ba mươi phần trăm"}}},
		{"thu hút được từ 85% công nhân", []brief{{Kind: "percent", Value: "85", Unit: "%", Text: "85%", Approx: "over"}}},
		{"tăng từ 50% lên 60%", []brief{{Kind: "percent", Value: "50", Unit: "%", Text: "50%"}, {Kind: "percent", Value: "60", Unit: "%", Text: "60%"}}},
		{"đạt 140,5% (4.497/3.200)", []brief{
			{Kind: "percent", Value: "140.5", Unit: "%", Text: "140,5%"},
			{Kind: "ratio", Value: "1.4053125", Text: "4.497/3.200", Ratio: "4497/3200"},
		}},
		{"có 105/105 cơ quan (đạt 100%)", []brief{
			{Kind: "ratio", Value: "1", Unit: "cơ quan", Text: "105/105 cơ quan", Ratio: "105/105"},
			{Kind: "percent", Value: "100", Unit: "%", Text: "100%"},
		}},
		{"Đại hội nhiệm kỳ 2023 - 2028", []brief{{Kind: "period", Value: "2023", Unit: "year", Text: "2023 - 2028", Range: "2023..2028"}}},
		{"giai đoạn 2021-2025", []brief{{Kind: "period", Value: "2021", Unit: "year", Text: "2021-2025", Range: "2021..2025"}}},
		{"năm học 2022 – 2023", []brief{{Kind: "period", Value: "2022", Unit: "year", Text: "2022 – 2023", Range: "2022..2023"}}},
		{"Nghị quyết 03 ngày 06/11/2018", []brief{{Kind: "date", Value: "2018-11-06", Unit: "date", Text: "06/11/2018"}}},
		{"ngày 6 tháng 11 năm 2018", []brief{{Kind: "date", Value: "2018-11-06", Unit: "date", Text: "6 tháng 11 năm 2018"}}},
		{"Sáng 23/6, hội nghị", []brief{{Kind: "date", Value: "--06-23", Unit: "date", Text: "23/6"}}},
		{"ngày 7.2 và chiều 10-2", []brief{{Kind: "date", Value: "--02-07", Unit: "date", Text: "7.2"}, {Kind: "date", Value: "--02-10", Unit: "date", Text: "10-2"}}},
		{"diễn ra từ 1.3 – 31.5", []brief{{Kind: "date", Value: "--03-01", Unit: "date", Text: "1.3"}, {Kind: "date", Value: "--05-31", Unit: "date", Text: "31.5"}}},
		{"(28/7/1929 - 28/7/2021)", []brief{{Kind: "date", Value: "1929-07-28", Unit: "date", Text: "28/7/1929"}, {Kind: "date", Value: "2021-07-28", Unit: "date", Text: "28/7/2021"}}},
		{"từ tháng 02/2020", []brief{{Kind: "date", Value: "2020-02", Unit: "date", Text: "tháng 02/2020"}}},
		{"ngày 10.05.2000", []brief{{Kind: "date", Value: "2000-05-10", Unit: "date", Text: "10.05.2000"}}},
		// a period a few words after its keyword
		{"Ban Chấp hành nhiệm kỳ mới 2023-2028 ra mắt", []brief{{Kind: "period", Value: "2023", Unit: "year", Text: "2023-2028", Range: "2023..2028"}}},
		{"tổng kết nhiệm kỳ XI (2018-2023), định hướng giai đoạn tới 2026 - 2030", []brief{
			{Kind: "period", Value: "2018", Unit: "year", Text: "2018-2023", Range: "2018..2023"},
			{Kind: "period", Value: "2026", Unit: "year", Text: "2026 - 2030", Range: "2026..2030"},
		}},
		{"triển khai giai đoạn 2 (2021-2025) của đề án", []brief{{Kind: "period", Value: "2021", Unit: "year", Text: "2021-2025", Range: "2021..2025"}}},
		// compound units kept whole
		{"LĐLĐ huyện thành lập 4 đoàn kiểm tra liên ngành", []brief{{Kind: "count", Value: "4", Unit: "đoàn kiểm tra", Text: "4 đoàn kiểm tra", Category: "other"}}},
		{"giúp làm lại 120 giấy khai sinh cho con công nhân", []brief{{Kind: "count", Value: "120", Unit: "giấy khai sinh", Text: "120 giấy khai sinh", Category: "other"}}},
		{"chuẩn bị 12 loại giấy tờ, biểu dương 45 tấm gương điển hình", []brief{
			{Kind: "count", Value: "12", Unit: "loại giấy tờ", Text: "12 loại giấy tờ", Category: "other"},
			{Kind: "count", Value: "45", Unit: "tấm gương", Text: "45 tấm gương", Category: "people"},
		}},
		{"tuyển sinh 5 nhóm ngành, kết nối trực tuyến 63 điểm cầu", []brief{
			{Kind: "count", Value: "5", Unit: "nhóm ngành", Text: "5 nhóm ngành", Category: "other"},
			{Kind: "count", Value: "63", Unit: "điểm cầu", Text: "63 điểm cầu", Category: "other"},
		}},
		// a magnitude typed with a doubled letter
		{"nợ đọng hơn 1.200 ttỷ đồng", []brief{{Kind: "money", Value: "1200000000000", Unit: "VND", Text: "1.200 ttỷ đồng", Approx: "over"}}},
		// "đối với" is no noun: the amount stays money
		{"hỗ trợ 3 triệu đối với mỗi đoàn viên", []brief{{Kind: "money", Value: "3000000", Unit: "VND", Text: "3 triệu"}}},
		// numbers in names and quarters are skipped, the figures around them kept
		{"Công ty TNHH 27/7 trao 50 suất quà", []brief{{Kind: "count", Value: "50", Unit: "suất quà", Text: "50 suất quà", Category: "gifts"}}},
		{"Quý 1/2024, công đoàn kết nạp 300 đoàn viên", []brief{{Kind: "count", Value: "300", Unit: "đoàn viên", Text: "300 đoàn viên", Category: "members"}}},
		{"bản “Thỏa thuận hợp tác 15/6” được ký ngày 16/6", []brief{{Kind: "date", Value: "--06-16", Unit: "date", Text: "16/6"}}},
		{"Chào mừng Ngày Quốc tế Phụ nữ 8/3", []brief{{Kind: "date", Value: "--03-08", Unit: "date", Text: "8/3"}}},
		// "cấp" as a verb is no rank
		{"nhà máy cung cấp 300 suất ăn, BHXH đã cấp 36 sổ BHXH", []brief{
			{Kind: "count", Value: "300", Unit: "suất ăn", Text: "300 suất ăn", Category: "other"},
			{Kind: "count", Value: "36", Unit: "sổ", Text: "36 sổ", Category: "other"},
		}},
		// word-segmented text: "_" joins the syllables of a word; the text
		// stays as written, the unit is printed with spaces
		{"Đại_hội nhiệm_kỳ 2018 - 2023 có 1.000 đoàn_viên , 90 Chủ_tịch Công_đoàn cơ_sở", []brief{
			{Kind: "period", Value: "2018", Unit: "year", Text: "2018 - 2023", Range: "2018..2023"},
			{Kind: "count", Value: "1000", Unit: "đoàn viên", Text: "1.000 đoàn_viên", Category: "members"},
			{Kind: "count", Value: "90", Unit: "chủ tịch", Text: "90 Chủ_tịch", Category: "people"},
		}},
		{"Ít_nhất 18 người bị_thương , hàng_nghìn công_nhân nghỉ_việc", []brief{
			{Kind: "count", Value: "18", Unit: "người", Text: "18 người", Approx: "over", Category: "people"},
			{Kind: "count", Value: "1000", Unit: "công nhân", Text: "hàng_nghìn công_nhân", Approx: "vague", Category: "members"},
		}},
		// a currency or a magnitude that begins a segmented word is neither
		// ("6 tỷ_phú" is no 6 billion), unless money follows it
		{"gặp một đồng_nghiệp , mua 2 đồng_hồ , có 6 tỷ_phú , nhận 5 triệu đồng_tiền thưởng và 30 tỷ_tệ", []brief{
			{Kind: "count", Value: "2", Unit: "đồng hồ", Text: "2 đồng_hồ", Category: "other"},
			{Kind: "money", Value: "5000000", Unit: "VND", Text: "5 triệu đồng"},
			{Kind: "money", Value: "30000000000", Unit: "CNY", Text: "30 tỷ_tệ"},
		}},
		// a document word before an amount: the amount is a figure
		{"ký hợp đồng 1,2 tỉ USD, kế hoạch 19,1 ngàn tỷ đồng; Nghị quyết 02", []brief{
			{Kind: "money", Value: "1200000000", Unit: "USD", Text: "1,2 tỉ USD"},
			{Kind: "money", Value: "19100000000000", Unit: "VND", Text: "19,1 ngàn tỷ đồng"},
		}},
		// a unit ends where its segmented word ends, not where the lexicon
		// does, and a lone syllable is a word of its own
		{"công_nhân của 19 nhà_máy_điện hạt_nhân và 1.600 cây_xăng nghỉ_việc ; nhà 4 tầng xây_dựng trái_phép", []brief{
			{Kind: "count", Value: "19", Unit: "nhà máy điện", Text: "19 nhà_máy_điện", Category: "enterprises"},
			{Kind: "count", Value: "1600", Unit: "cây xăng", Text: "1.600 cây_xăng", Category: "other"},
			{Kind: "count", Value: "4", Unit: "tầng", Text: "4 tầng", Category: "other"},
		}},
		// a few "_" in running text (an e-mail) do not make it segmented
		{"mở 4 đợt tuyên truyền, liên hệ nguyen_van_a@gmail.com", []brief{
			{Kind: "count", Value: "4", Unit: "đợt tuyên truyền", Text: "4 đợt tuyên truyền", Category: "other"},
		}},
		// a year printed once in a month span covers both ends (as in the
		// external cases "tháng 3 tới tháng 5 năm 1975", "02-03/2000")
		{"Từ tháng 7 đến tháng 11-2019, công_đoàn đã thăm_hỏi", []brief{
			{Kind: "date", Value: "2019-07", Unit: "date", Text: "tháng 7"},
			{Kind: "date", Value: "2019-11", Unit: "date", Text: "tháng 11-2019"},
		}},
		// a rate's denominator is read with its figure: "/m 2" gives no "2"
		{"giá 15 triệu đồng/m 2 thôi, xây 40 triệu m 2 nhà ở", []brief{
			{Kind: "money", Value: "15000000", Unit: "VND", Text: "15 triệu đồng", Per: "m2"},
			{Kind: "count", Value: "40000000", Unit: "m2", Text: "40 triệu m 2", Category: "other"},
		}},
		// a batch or kind classifier names what follows it; other
		// classifiers that are nouns stand alone before a verb
		{"mở 13 lớp bồi dưỡng, 10 loại ung thư, trao 1.000 suất trị giá 500.000 đồng", []brief{
			{Kind: "count", Value: "13", Unit: "lớp bồi dưỡng", Text: "13 lớp bồi dưỡng", Category: "other"},
			{Kind: "count", Value: "10", Unit: "loại ung thư", Text: "10 loại ung thư", Category: "other"},
			{Kind: "count", Value: "1000", Unit: "suất", Text: "1.000 suất", Category: "gifts"},
			{Kind: "money", Value: "500000", Unit: "VND", Text: "500.000 đồng"},
		}},
		// where a noun missing from the lexicon ends: a dictionary
		// compound, a head before one, else one or two syllables
		{"có 20 cầu thủ, 4 khu dân cư, 12 thiết bị và 2 hộp sữa chua", []brief{
			{Kind: "count", Value: "20", Unit: "cầu thủ", Text: "20 cầu thủ", Category: "other"},
			{Kind: "count", Value: "4", Unit: "khu dân cư", Text: "4 khu dân cư", Category: "other"},
			{Kind: "count", Value: "12", Unit: "thiết bị", Text: "12 thiết bị", Category: "other"},
			{Kind: "count", Value: "2", Unit: "hộp sữa chua", Text: "2 hộp sữa chua", Category: "other"},
		}},
		{"khiến 3 người thương vong", []brief{{Kind: "count", Value: "3", Unit: "người", Text: "3 người", Category: "people"}}},
		// quoted speech keeps its figures; a quantity per period is no date
		{`ông thốt lên: "15 triệu đồng thì bằng nhà ở thương mại còn gì?"`, []brief{{Kind: "money", Value: "15000000", Unit: "VND", Text: "15 triệu đồng"}}},
		{"đăng ký mua mỗi tháng 10kg thịt, lương mỗi tháng 9 - 10 triệu đồng", []brief{
			{Kind: "count", Value: "10", Unit: "kg", Text: "10kg", Category: "other"},
			{Kind: "money", Value: "9000000", Unit: "VND", Text: "9 - 10 triệu đồng", Range: "9000000..10000000"},
		}},
		{"xuất khẩu 2 container sản phẩm", []brief{{Kind: "count", Value: "2", Unit: "container", Text: "2 container", Category: "other"}}},
		// bare magnitudes: "cả ngàn", "chục ngàn"
		{"cả ngàn xe tăng bị bắn cháy, ít nhất chục ngàn người thiệt mạng", []brief{
			{Kind: "count", Value: "1000", Unit: "xe tăng", Text: "ngàn xe tăng", Category: "other"},
			{Kind: "count", Value: "10000", Unit: "người", Text: "chục ngàn người", Approx: "over", Category: "people"},
		}},
		{"lỗ vài chục triệu đồng", []brief{{Kind: "money", Value: "10000000", Unit: "VND", Text: "chục triệu đồng", Approx: "vague"}}},
		// the noun printed before the number, or after "trong số"
		{"Số đơn vị nợ BHXH là 711.", []brief{{Kind: "count", Value: "711", Unit: "đơn vị", Text: "711", Category: "agencies"}}},
		{"tổng số ca mắc đã lên tới 9.975, số người chết ngày 25/4 tăng thêm 3.", []brief{
			{Kind: "count", Value: "9975", Unit: "ca mắc", Text: "9.975", Category: "other"},
			{Kind: "date", Value: "--04-25", Unit: "date", Text: "25/4"},
			{Kind: "count", Value: "3", Unit: "người", Text: "3", Category: "people"},
		}},
		{"có 12 trong số các nhà máy, 3 trong tổng số 10 đơn vị", []brief{
			{Kind: "count", Value: "12", Unit: "nhà máy", Text: "12", Category: "enterprises"},
			{Kind: "count", Value: "3", Unit: "đơn vị", Text: "3", Category: "agencies"},
			{Kind: "count", Value: "10", Unit: "đơn vị", Text: "10 đơn vị", Category: "agencies"},
		}},
	}
	for _, tt := range tests {
		var got []brief
		for _, f := range Figures(tt.in) {
			got = append(got, briefOf(f))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Figures(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// notFigures must yield no scored figure: document numbers, names with
// numbers, ordinals, durations, counters, phone numbers, small numbers in
// words (figures.md, "What is NOT a figure").
var notFigures = []string{
	"Thực hiện Nghị quyết 02-NQ/TW của Bộ Chính trị",
	"theo Quyết định 217-QĐ/TW",
	"Nghị quyết 68/NQ-CP và Quyết định 23/QĐ-TTg",
	"Giấy phép số 03/GP-TTĐT",
	"Công văn số 295/LĐLĐ ngày hôm qua",
	"Nghị định 153/2016/NĐ-CP",
	"Nghị quyết 02 và Nghị quyết số 02",
	"Quyết định số 217 của Ban Bí thư",
	"Chỉ thị 03 của Ban Thường vụ",
	"ảnh hưởng dịch Covid-19 kéo dài",
	"Chương trình “75 nghìn sáng kiến vượt khó, phát triển”",
	"Slideshow Chạy chính 3",
	"Điện thoại: 0274 3822 123",
	"ĐT: 0912.345.678",
	"1884 Đã xem",
	"Đang online: 45",
	"Trang: 1 trên tổng số",
	"Đại hội lần thứ XI, khóa XI",
	"Đại hội XVIII Công đoàn Việt Nam",
	"kết nạp đợt 2 năm nay",
	"trong 6 tháng đầu năm 2021",
	"sau hơn 3 năm triển khai",
	"kỷ niệm 92 năm thành lập",
	"cụ bà 87 tuổi",
	"năm 2021 và những năm tới",
	"theo Điều 21 và khoản 9 Điều 22",
	"lần thứ 2, Kỳ 1, tháng lương thứ 13",
	"nhà ở quận 3",
	"in khổ A4",
	"kiểm tra 3 tháng/lần",
	"thưởng 4 tháng lương",
	"hai bên thống nhất, ba người tham gia, một số đơn vị",
	"mùng 6 Tết",
	"lúc 9h sáng",
	"quý I/2017",
	"năm 2021",
	"tháng 6",
	"Tháng Công nhân 2017",
	"không đồng bộ giữa các quy định",
	"thành phố là một đô thị loại I",
	"quy hoạch 1/500",
	"tỷ lệ 1/2000",
	"xuất phát từ sự không đồng tình",
	"so với năm 2010 tỷ lệ hút thuốc giảm",
	"(tức mùng 7 tháng Giêng)",
	"Tổng số: 195 |",
	"với một tỷ lệ không nhỏ, cơ cấu không đồng đều",
	"Nghị quyết Trung ương 6 khóa X",
	"tới 2020 và 2030 phấn đấu tất cả",
	"bắt đầu từ 9g sáng thay vì 7h30",
	"từ tháng 6 hằng năm trở đi",
	"tính đến ngày mùng 10 ước đạt",
	// quarters, names, thresholds and scores
	"Quý 1/2024 và quý I/2024, quý 4-2023, quý 2.2023",
	"trong 6 tháng đầu năm 2024",
	"hai bên cùng ký “Tuyên bố chung 15/6”",
	"Công ty TNHH MTV (3-2) và Công ty Cổ phần 30/4",
	"Công ty TNHH 1 thành viên Cao su",
	"tuổi nghỉ hưu là 60 đối với nam và 55 đối với nữ",
	"mức điểm xét tuyển 15,5 và thí sinh từ 15,5 điểm trở lên",
	"CĐCS đạt từ 90 điểm trở lên được xếp loại vững mạnh",
	"thí sinh đạt 27/30 điểm",
	"đội bóng công nhân thua đội bạn (0-5)",
	"con em công nhân học cấp 3, nhà cấp 4",
	// frequencies
	"đi chợ 3 lần một tuần, họp 1 lần/tháng, 2-3 lần mỗi năm, mỗi tuần 2 lần",
	// "số" that is no "number of": phones, scores, codes, sequences
	"số điện thoại là 0912345678, số nhà là 12, tỷ số trận đấu lên 1-0",
	"chỉ số men gan còn 302, mã số công nhân là 3709, số đo vòng ba là 93",
	"dãy số trúng thưởng là 05 - 08 - 15, số lần trung bình là 1,3",
	"là 10 trong số rất nhiều minh chứng",
	"ngay cả tỷ lệ nội địa hóa, tất cả triệu chứng của ông",
}

func TestNotFigures(t *testing.T) {
	for _, s := range notFigures {
		for _, f := range Figures(s) {
			if f.Kind.Scored() {
				t.Errorf("Figures(%q) found %s %s (%q); want no figure", s, f.Kind, f.Value, f.Text)
			}
		}
	}
}

// checkInvariants asserts what every extraction must hold: text is
// body[start:end] in code points, offsets are in order and in range, the
// sentence contains the text, values of ranges are consistent.
func checkInvariants(t *testing.T, body string, figs []corpus.Figure) {
	t.Helper()
	rs := []rune(body)
	prev := -1
	for _, f := range figs {
		if f.Start < 0 || f.End > len(rs) || f.Start >= f.End {
			t.Fatalf("figure %q has bad offsets %d..%d (body %d code points)", f.Text, f.Start, f.End, len(rs))
		}
		if got := string(rs[f.Start:f.End]); got != f.Text {
			t.Fatalf("figure text %q != body[%d:%d] %q", f.Text, f.Start, f.End, got)
		}
		if f.Start < prev {
			t.Fatalf("figures out of order at %q", f.Text)
		}
		prev = f.Start
		if !strings.Contains(f.Sentence, f.Text) {
			t.Fatalf("sentence %q does not contain %q", f.Sentence, f.Text)
		}
		if (f.Min == nil) != (f.Max == nil) || (f.Num == nil) != (f.Den == nil) {
			t.Fatalf("figure %q has half a range or ratio", f.Text)
		}
		if !norm.NFC.IsNormalString(f.Text) || !norm.NFC.IsNormalString(f.Unit) {
			t.Fatalf("figure %q is not NFC", f.Text)
		}
	}
}

// TestSeedGolden extracts the five seed pages and compares with the golden
// output in testdata/seeds/*.golden.json; -update rewrites them.
func TestSeedGolden(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if len(paths) == 0 {
		t.Fatal("no seed pages in testdata/seeds")
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Text(corpus.Document{Source: filepath.Base(p), Raw: raw})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		checkInvariants(t, a.Body, a.Figures)
		got, err := json.MarshalIndent(a.Figures, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		golden := strings.TrimSuffix(p, ".txt") + ".golden.json"
		if *update {
			if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./extract -run SeedGolden -update)", err)
		}
		if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
			t.Errorf("%s: figures changed (-want +got); if intended, run with -update:\n%s", p, diff)
		}
	}
}

func TestTextErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\t "), ErrEmpty},
		{"binary", []byte("PK\x03\x04\x00\x00data"), ErrBinary},
		{"latin1", []byte("C\xf4ng \xf0o\xe0n"), ErrEncoded},
	}
	for _, tt := range tests {
		_, err := Text(corpus.Document{Source: tt.name, Raw: tt.raw})
		if err == nil || !strings.Contains(err.Error(), tt.want.Error()) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestTextNormalizesToNFC(t *testing.T) {
	nfd := norm.NFD.String("Công đoàn hỗ trợ 50 triệu đồng")
	a, err := Text(corpus.Document{Raw: []byte(nfd)})
	if err != nil {
		t.Fatal(err)
	}
	if !norm.NFC.IsNormalString(a.Body) {
		t.Fatal("body is not NFC")
	}
	if len(a.Figures) != 1 || a.Figures[0].Value.Num.String() != "50000000" {
		t.Fatalf("figures of NFD text: %+v", a.Figures)
	}
}

// FuzzFigures checks that the extractor never panics and that every
// figure's offsets and text are valid, whatever the input.
func FuzzFigures(f *testing.F) {
	for _, s := range notFigures {
		f.Add(s)
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("từ 1.3 – 31.5, 27-28/02/2000, 10k-20k, $1,42, hai đô 23 xu, tháng 3 tới tháng 5 năm 1975")
	f.Add("Ít_nhất 18 đoàn_viên , nhiệm_kỳ 2018 - 2023 , 19 nhà_máy_điện , 5 triệu đồng_tiền , 30 tỷ_tệ , giá 15 triệu đồng/m 2 thôi")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		body := nfc(s)
		checkInvariants(t, body, Figures(body))
		ParseDates(s)
		Numbers(s)
		ParseRange(s)
		ParseNumber(s)
	})
}
