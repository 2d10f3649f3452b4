package export

import (
	"bufio"
	"io"
	"unicode/utf8"
)

// xmlWriter writes XML by hand into a buffer: the element structure of
// GraphML and GEXF is fixed, and encoding/xml's reflection would cost
// most of the time of a million-node export. Only text and attribute
// values vary, and esc escapes them.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	return &xmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// raw writes markup as is.
func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped for text content or a double-quoted attribute.
func (x *xmlWriter) text(s string) {
	if x.err != nil {
		return
	}
	if !needsEscape(s) {
		_, x.err = x.w.WriteString(s)
		return
	}
	for _, r := range s {
		var esc string
		switch r {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&apos;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) {
				esc = "\uFFFD" // XML 1.0 cannot carry it, even escaped
			} else {
				x.w.WriteRune(r)
				continue
			}
		}
		x.w.WriteString(esc)
	}
}

// attr writes ` name="value"`.
func (x *xmlWriter) attr(name, value string) {
	x.raw(" ")
	x.raw(name)
	x.raw(`="`)
	x.text(value)
	x.raw(`"`)
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// needsEscape reports whether s has anything but plain printable ASCII
// other than the five XML specials; the slow path handles the rest.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c >= utf8.RuneSelf, c == '<', c == '>', c == '&', c == '"', c == '\'':
			return true
		}
	}
	return false
}

// xmlChar reports whether r is allowed in an XML 1.0 document (the Char
// production); utf8.RuneError from invalid UTF-8 is replaced, as it is.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError ||
		r >= 0xE000 && r <= 0xFFFD && r != utf8.RuneError ||
		r >= 0x10000 && r <= 0x10FFFF
}
