package io.jitpay.alipay.bill;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of a bill file: comma-separated cells as RFC 4180 has them (a cell that starts with a double quote
 * runs to the closing quote, with {@code ""} for a quote, and may hold commas and line breaks), lines ending in CRLF or
 * LF, and Alipay's comment lines, which start with {@code #} and are kept whole. Blank lines are skipped. Cells are
 * returned as written, tabs and spaces included.
 */
final class BillCsv {

    private BillCsv() {
    }

    /**
     * Splits a file into lines.
     * @throws IllegalArgumentException for a quoted cell that never closes
     */
    static List<Line> read(String text) {
        List<Line> lines = new ArrayList<>();
        int length = text.length();
        int at = (length > 0 && text.charAt(0) == '\uFEFF') ? 1 : 0;
        int number = 1;
        while (at < length) {
            char first = text.charAt(at);
            if (first == '\r' || first == '\n') {
                at = afterLineBreak(text, at);
                number++;
                continue;
            }
            if (first == '#') {
                int end = at;
                while (end < length && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                    end++;
                }
                lines.add(new Line(number, true, List.of(text.substring(at, end))));
                at = afterLineBreak(text, end);
                number++;
                continue;
            }
            int start = number;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (at >= length) {
                    if (quoted) {
                        throw new IllegalArgumentException("line " + start + ": a quoted cell is never closed");
                    }
                    cells.add(cell.toString());
                    break;
                }
                char c = text.charAt(at);
                if (quoted) {
                    if (c == '"' && at + 1 < length && text.charAt(at + 1) == '"') {
                        cell.append('"');
                        at += 2;
                        continue;
                    }
                    quoted = c != '"';
                    if (quoted) {
                        cell.append(c);
                        number += (c == '\n') ? 1 : 0;
                    }
                    at++;
                }
                else if (c == '"' && cell.length() == 0) {
                    quoted = true;
                    at++;
                }
                else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    at++;
                }
                else if (c == '\r' || c == '\n') {
                    cells.add(cell.toString());
                    at = afterLineBreak(text, at);
                    number++;
                    break;
                }
                else {
                    cell.append(c);
                    at++;
                }
            }
            lines.add(new Line(start, false, cells));
        }
        return lines;
    }

    private static int afterLineBreak(String text, int at) {
        if (at < text.length() && text.charAt(at) == '\r') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '\n') {
            at++;
        }
        return at;
    }

    /**
     * A line of a bill file.
     * @param number  its line number in the file, from 1
     * @param comment whether it is a comment line ({@code #...}), held whole as the only cell
     * @param cells   its cells, as written
     */
    record Line(int number, boolean comment, List<String> cells) {

        /** The whole text of a comment line. */
        String text() {
            return this.cells.get(0);
        }
    }
}
