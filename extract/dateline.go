package extract

// parseDateline reads a visible Vietnamese dateline ("Thứ Tư, ngày 9 tháng
// 2 năm 2022 - 09:00", "11/01/2021", "Thứ ba 03/08/2021 02:10",
// "Cập nhật: ...") and returns it as "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
//
// STUB: owned by the text-cleaner work; replaced wholesale.
func parseDateline(s string) (string, bool) {
	return "", false
}
