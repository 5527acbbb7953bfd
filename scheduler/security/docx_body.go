package security

import "strings"

// The page of the Word file in twentieths of a point: A4 portrait, margins
// top and bottom 2 cm, left 3 cm, right 1.5 cm (Decree 30/2020/NĐ-CP), and
// the text width between them.
const (
	a4W, a4H            = 11906, 16838
	marginTB            = 1134
	marginL, marginR    = 1701, 850
	textWidth           = a4W - marginL - marginR
	firstLineIndent     = 567 // 1 cm
	headLeft, headRight = 3800, textWidth - 3800
)

// docxDocument is word/document.xml of the draft.
func docxDocument(d Draft) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	b.WriteString(docxHead(d.Head))
	b.WriteString(para("center", 0, run{text: d.Title, bold: true, size: 28}))
	b.WriteString(para("center", 0, run{text: d.Subject, bold: true}))
	b.WriteString(para("both", firstLineIndent, run{text: d.Intro}))
	for _, s := range d.Sections {
		b.WriteString(para("both", firstLineIndent, run{text: s.Heading, bold: true}))
		for _, p := range s.Parts {
			if p.Heading != "" {
				b.WriteString(para("both", firstLineIndent, run{text: p.Heading, bold: true}))
			}
			for _, t := range p.Paras {
				b.WriteString(para("both", firstLineIndent, run{text: t}))
			}
			if p.Table != nil {
				b.WriteString(docxTable(p.Table))
				b.WriteString(para("left", 0))
			}
		}
	}
	b.WriteString(para("both", firstLineIndent, run{text: d.Closing}))
	b.WriteString(docxSign(d))
	b.WriteString(`<w:sectPr><w:pgSz w:w="` + itoa(a4W) + `" w:h="` + itoa(a4H) + `" w:orient="portrait"/>` +
		`<w:pgMar w:top="` + itoa(marginTB) + `" w:right="` + itoa(marginR) + `" w:bottom="` + itoa(marginTB) +
		`" w:left="` + itoa(marginL) + `" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// cell is a table cell of width w (twentieths of a point) holding paragraphs.
func cell(w int, paras ...string) string {
	if len(paras) == 0 {
		paras = []string{para("left", 0)}
	}
	return `<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/></w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

// borderless starts a table without borders of the given column widths.
func borderless(widths ...int) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(textWidth) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
		`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>` +
		`<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	return b.String()
}

// docxHead is the heading: the office on the left, the nation and motto on
// the right, then the number and the place and date.
func docxHead(h Head) string {
	var left []string
	if h.ParentBody != "" {
		left = append(left, para("center", 0, run{text: h.ParentBody, size: 24}))
	}
	left = append(left, para("center", 0, run{text: h.Agency, bold: true, size: 24}))
	right := []string{
		para("center", 0, run{text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 24}),
		para("center", 0, run{text: "Độc lập - Tự do - Hạnh phúc", bold: true, underline: true}),
	}
	return borderless(headLeft, headRight) +
		`<w:tr>` + cell(headLeft, left...) + cell(headRight, right...) + `</w:tr>` +
		`<w:tr>` + cell(headLeft, para("center", 0, run{text: h.Number})) +
		cell(headRight, para("center", 0, run{text: h.PlaceDate, italic: true})) + `</w:tr></w:tbl>` +
		para("left", 0)
}

// docxTable is a table of figures with its header row in bold.
func docxTable(t *Table) string {
	n := len(t.Head)
	if n == 0 {
		return ""
	}
	first := textWidth * 2 / 5
	if n == 1 {
		first = textWidth
	}
	widths := make([]int, n)
	widths[0] = first
	for i := 1; i < n; i++ {
		widths[i] = (textWidth - first) / (n - 1)
	}
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="` + itoa(textWidth) + `" w:type="dxa"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>`)
	for i, h := range t.Head {
		b.WriteString(cell(widths[i], para("center", 0, run{text: h, bold: true, size: 24})))
	}
	b.WriteString(`</w:tr>`)
	for _, row := range t.Rows {
		b.WriteString(`<w:tr>`)
		for i := 0; i < n; i++ {
			v, jc := "", "left"
			if i < len(row) {
				v = row[i]
			}
			if i < len(t.Numeric) && t.Numeric[i] {
				jc = "right"
			}
			b.WriteString(cell(widths[i], para(jc, 0, run{text: v, size: 24})))
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// docxSign is "Nơi nhận" on the left and the signature block on the right.
func docxSign(d Draft) string {
	left := []string{para("left", 0, run{text: "Nơi nhận:", bold: true, italic: true, size: 24})}
	for _, r := range d.Recipients {
		left = append(left, para("left", 0, run{text: "- " + r, size: 22}))
	}
	right := []string{
		para("center", 0, run{text: d.Signer, bold: true}),
		para("center", 0, run{text: "(Ký, ghi rõ họ tên, đóng dấu)", italic: true}),
	}
	return para("left", 0) + borderless(headLeft+600, headRight-600) +
		`<w:tr>` + cell(headLeft+600, left...) + cell(headRight-600, right...) + `</w:tr></w:tbl>`
}
