package timesheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The exports lay out the sheet as the office's attendance grid: a row per
// guard, a column per day with the hours worked, the totals at the right.
// The headings are Vietnamese; the numbers are plain numbers (hours).

// totalHeadings are the columns after the days, in order.
var totalHeadings = []string{
	"Tổng giờ làm", "Giờ làm đêm", "Làm thêm ngày thường", "Làm thêm ngày nghỉ tuần", "Làm thêm ngày lễ",
	"Giờ làm ngày lễ", "Làm thêm ban đêm", "Giờ công quy đổi", "Làm thêm lũy kế năm", "Trần làm thêm năm",
}

// weekdaysVI are the short Vietnamese weekday names, Sunday first.
var weekdaysVI = [7]string{"CN", "T2", "T3", "T4", "T5", "T6", "T7"}

// totalValues are a line's numbers under totalHeadings.
func totalValues(l Line) []float64 {
	t := l.Totals
	return []float64{t.WorkedHours, t.NightHours, t.Overtime.NormalDay, t.Overtime.RestDay, t.Overtime.Holiday,
		t.HolidayHours, t.NightOvertimeHours, t.PayEquivalentHours, l.YearToDate.OvertimeHours, l.YearToDate.CapHours}
}

// AbsenceMark is the grid's letter for a day of time off with no work:
// P leave (phép), Ô sick (ốm), H training (học), K other.
func AbsenceMark(kind string) string {
	switch kind {
	case "":
		return ""
	case "leave":
		return "P"
	case "sick":
		return "Ô"
	case "training":
		return "H"
	}
	return "K"
}

// Title is the sheet's heading, e.g. "BẢNG CHẤM CÔNG THÁNG 12/2025".
func (s Sheet) Title() string {
	t, _ := time.Parse("2006-01", s.Month)
	return fmt.Sprintf("BẢNG CHẤM CÔNG THÁNG %02d/%d", int(t.Month()), t.Year())
}

// WriteCSV writes the grid as CSV in UTF-8 with a byte-order mark, so that
// Excel opens the Vietnamese right: a heading row, then the office's guards,
// then the police officers (unit "police"). Days without work are empty (or
// hold the absence letter).
func WriteCSV(w io.Writer, s Sheet) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := []string{"STT", "Mã", "Họ và tên", "Đơn vị"}
	for _, d := range s.days() {
		head = append(head, strconv.Itoa(d.Day()))
	}
	if err := cw.Write(append(head, totalHeadings...)); err != nil {
		return err
	}
	for i, l := range append(append([]Line{}, s.Guards...), s.Police...) {
		rec := []string{strconv.Itoa(i + 1), strconv.FormatInt(l.GuardID, 10), l.Name, l.Unit}
		for _, d := range l.Days {
			rec = append(rec, dayCell(d))
		}
		for _, v := range totalValues(l) {
			rec = append(rec, num(v))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func dayCell(d Day) string {
	if d.Hours == 0 {
		return AbsenceMark(d.Absence)
	}
	return num(d.Hours)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// days are the month's dates.
func (s Sheet) days() []time.Time {
	first, _ := time.Parse("2006-01", s.Month)
	var out []time.Time
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

// xlsx layout: the heading rows, then the guards from firstRow.
const (
	headRow  = 4 // day numbers and total headings
	wdayRow  = 5 // weekday names
	firstRow = 6
	dayCol   = 4 // column of day 1 (D)
)

// SheetName is the worksheet's name for the month, e.g. "T12-2025".
func (s Sheet) SheetName() string {
	t, _ := time.Parse("2006-01", s.Month)
	return fmt.Sprintf("T%02d-%d", int(t.Month()), t.Year())
}

// WriteXLSX writes the grid as an Excel workbook with one sheet for the
// month: office and title on top, frozen panes at the first guard and day,
// printed on A4 landscape fitted to the page width, the heading rows
// repeated on every page.
func WriteXLSX(w io.Writer, s Sheet, office string) error {
	f := excelize.NewFile()
	defer f.Close()
	name := s.SheetName()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	x := xlsxWriter{f: f, sheet: name}
	x.heading(s, office)
	row := firstRow
	for i, l := range s.Guards {
		x.line(row, i+1, l)
		row++
	}
	if len(s.Police) > 0 {
		x.set(cell(1, row), "Cán bộ Công an (không do Văn phòng chi trả)")
		row++
		for i, l := range s.Police {
			x.line(row, i+1, l)
			row++
		}
	}
	x.layout(s)
	if x.err != nil {
		return x.err
	}
	return f.Write(w)
}

// xlsxWriter keeps the first error of a run of cell writes.
type xlsxWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func (x *xlsxWriter) set(ref string, v any) {
	if x.err == nil {
		x.err = x.f.SetCellValue(x.sheet, ref, v)
	}
}

func (x *xlsxWriter) heading(s Sheet, office string) {
	x.set("A1", office)
	x.set("A2", s.Title())
	for i, h := range []string{"STT", "Họ và tên", "Đơn vị"} {
		x.set(cell(i+1, headRow), h)
	}
	days := s.days()
	for i, d := range days {
		x.set(cell(dayCol+i, headRow), d.Day())
		x.set(cell(dayCol+i, wdayRow), weekdaysVI[d.Weekday()])
	}
	for i, h := range totalHeadings {
		x.set(cell(dayCol+len(days)+i, headRow), h)
	}
}

func (x *xlsxWriter) line(row, n int, l Line) {
	x.set(cell(1, row), n)
	x.set(cell(2, row), l.Name)
	x.set(cell(3, row), unitVI(l.Unit))
	for i, d := range l.Days {
		if d.Hours != 0 {
			x.set(cell(dayCol+i, row), d.Hours)
		} else if m := AbsenceMark(d.Absence); m != "" {
			x.set(cell(dayCol+i, row), m)
		}
	}
	for i, v := range totalValues(l) {
		x.set(cell(dayCol+len(l.Days)+i, row), v)
	}
}

// unitVI names the unit in Vietnamese.
func unitVI(u string) string {
	switch u {
	case "office":
		return "Bảo vệ cơ quan"
	case "police":
		return "Công an"
	}
	return u
}

// layout sets the widths, styles, frozen panes and print setup.
func (x *xlsxWriter) layout(s Sheet) {
	if x.err != nil {
		return
	}
	f, sh := x.f, x.sheet
	last := dayCol + len(s.days()) + len(totalHeadings) - 1
	lastDay := dayCol + len(s.days()) - 1
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	steps := []func() error{
		func() error { return f.SetColWidth(sh, "A", "A", 4) },
		func() error { return f.SetColWidth(sh, "B", "B", 24) },
		func() error { return f.SetColWidth(sh, "C", "C", 14) },
		func() error { return f.SetColWidth(sh, colName(dayCol), colName(lastDay), 4.2) },
		func() error { return f.SetColWidth(sh, colName(lastDay+1), colName(last), 10) },
		func() error { return f.SetRowHeight(sh, headRow, 45) },
		func() error { return f.SetCellStyle(sh, "A2", "A2", title) },
		func() error { return f.SetCellStyle(sh, cell(1, headRow), cell(last, wdayRow), head) },
		func() error {
			return f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: dayCol - 1, YSplit: firstRow - 1,
				TopLeftCell: cell(dayCol, firstRow), ActivePane: "bottomRight"})
		},
		func() error {
			size, orient, one, zero := 9, "landscape", 1, 0 // 9: A4
			return f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
				FitToWidth: &one, FitToHeight: &zero})
		},
		func() error { fit := true; return f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}) },
		func() error {
			return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
				RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, headRow, wdayRow)})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			x.err = err
			return
		}
	}
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}
