package lists

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// csvFile reads one CSV list file for every CSV loader and says where each
// record came from. A UTF-8 byte-order mark is skipped; lines a loader reads
// before the CSV proper (the UK "Report Date:" line) count in line numbers.
type csvFile struct {
	name   string // base name, for messages
	f      *os.File
	in     *bufio.Reader
	r      *csv.Reader // reads in directly: csv.NewReader reuses a large bufio.Reader
	offset int         // lines read before the CSV proper
}

func openCSV(path string) (*csvFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	in := bufio.NewReaderSize(f, 1<<16)
	if bom, _ := in.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = in.Discard(3)
	}
	return &csvFile{name: filepath.Base(path), f: f, in: in, r: newCSVReader(in)}, nil
}

func (c *csvFile) close() { c.f.Close() }

func newCSVReader(in io.Reader) *csv.Reader {
	r := csv.NewReader(in)
	r.ReuseRecord = true
	return r
}

// preamble reads the first line and, if is says it comes before the CSV
// proper, returns it; otherwise the line is left to be read as CSV. Call it
// before anything else reads the file.
func (c *csvFile) preamble(is func(line string) bool) (line string, ok bool, err error) {
	line, err = c.in.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, fmt.Errorf("read %s: %w", c.name, err)
	}
	if !is(line) {
		c.r = newCSVReader(io.MultiReader(strings.NewReader(line), c.in))
		return "", false, nil
	}
	c.offset = 1
	return line, true, nil
}

// errorf is an error naming the file and line.
func (c *csvFile) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("read %s line %d: "+format, append([]any{c.name, line}, args...)...)
}

// next returns the next record and the line it starts on; io.EOF at the end.
func (c *csvFile) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Line + c.offset, c.errorf(pe.Line+c.offset, "%w", pe.Err)
		}
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		return nil, 0, fmt.Errorf("read %s: %w", c.name, err)
	}
	line, _ := c.r.FieldPos(0)
	return rec, line + c.offset, nil
}

// header reads the header row and maps each trimmed column name to its
// index. A missing required column means the file is not the layout the
// loader reads: what names that layout.
func (c *csvFile) header(required []string, what string) (map[string]int, error) {
	rec, line, err := c.next()
	if err == io.EOF {
		return nil, fmt.Errorf("read %s: empty file, no header", c.name)
	}
	if err != nil {
		return nil, err
	}
	cols := make(map[string]int, len(rec))
	for i, h := range rec {
		cols[strings.TrimSpace(h)] = i
	}
	for _, name := range required {
		if _, ok := cols[name]; !ok {
			return nil, c.errorf(line, "header has no column %q: not %s", name, what)
		}
	}
	return cols, nil
}
