package security

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// WriteDocx writes the draft as a Word document (Office Open XML,
// WordprocessingML): a zip of the package parts, A4 portrait with the margins
// of Decree 30/2020/NĐ-CP, Times New Roman 13 pt. The heading is a borderless
// two-column table, the figures are tables; charts are left out (the tables
// hold their figures). Section III is plain text for the office to edit.
func WriteDocx(w io.Writer, d Draft) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRels},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", docxDocument(d)},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`

const docxDocRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`

const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="60" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>
</w:tblBorders></w:tblPr></w:style>
</w:styles>`

// run is a run of text with its formatting.
type run struct {
	text                    string
	bold, italic, underline bool
	size                    int // half-points; 0: the default (13 pt)
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (r run) xml() string {
	var pr strings.Builder
	if r.bold {
		pr.WriteString("<w:b/>")
	}
	if r.italic {
		pr.WriteString("<w:i/>")
	}
	if r.underline {
		pr.WriteString(`<w:u w:val="single"/>`)
	}
	if r.size > 0 {
		pr.WriteString(`<w:sz w:val="` + itoa(r.size) + `"/><w:szCs w:val="` + itoa(r.size) + `"/>`)
	}
	return `<w:r><w:rPr>` + pr.String() + `</w:rPr><w:t xml:space="preserve">` + esc(r.text) + `</w:t></w:r>`
}

func itoa(n int) string { return strconv.Itoa(n) }

// para is a paragraph: jc is "left", "center", "right" or "both"; indent the
// first line's indent in twentieths of a point.
func para(jc string, indent int, runs ...run) string {
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:jc w:val="` + jc + `"/>`)
	if indent > 0 {
		b.WriteString(`<w:ind w:firstLine="` + itoa(indent) + `"/>`)
	}
	b.WriteString(`</w:pPr>`)
	for _, r := range runs {
		b.WriteString(r.xml())
	}
	b.WriteString(`</w:p>`)
	return b.String()
}
