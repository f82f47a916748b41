package dev.turnkit.model;

import java.util.ArrayList;
import java.util.List;

/** A line-based unified diff (LCS, 3 lines of context), enough for rules and host files of a few hundred lines
 * (used by {@code turnkit rules diff} and {@code turnkit deploy --dry-run}). */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff from {@code a} to {@code b}, or "" when they are equal. */
    public static String of(String nameA, String a, String nameB, String b) {
        List<String> x = lines(a);
        List<String> y = lines(b);
        if (x.equals(y)) {
            return "";
        }
        // ops: ' ' keep, '-' delete from x, '+' insert from y
        int[][] lcs = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder ops = new StringBuilder();
        List<String> text = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                ops.append(' ');
                text.add(x.get(i));
                i++;
                j++;
            } else if (j < y.size() && (i == x.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.append('+');
                text.add(y.get(j));
                j++;
            } else {
                ops.append('-');
                text.add(x.get(i));
                i++;
            }
        }
        StringBuilder out = new StringBuilder("--- ").append(nameA).append('\n').append("+++ ").append(nameB)
                .append('\n');
        int k = 0;
        while (k < ops.length()) {
            if (ops.charAt(k) == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while changes are within 2*CONTEXT lines of each other
            int lastChange = k;
            while (end < ops.length() && end - lastChange <= 2 * CONTEXT) {
                if (ops.charAt(end) != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.length(), lastChange + CONTEXT + 1);
            int oldStart = 1;
            int newStart = 1;
            for (int p = 0; p < start; p++) {
                if (ops.charAt(p) != '+') {
                    oldStart++;
                }
                if (ops.charAt(p) != '-') {
                    newStart++;
                }
            }
            int oldLen = 0;
            int newLen = 0;
            StringBuilder hunk = new StringBuilder();
            for (int p = start; p < end; p++) {
                char op = ops.charAt(p);
                if (op != '+') {
                    oldLen++;
                }
                if (op != '-') {
                    newLen++;
                }
                hunk.append(op).append(text.get(p)).append('\n');
            }
            out.append("@@ -").append(oldLen == 0 ? oldStart - 1 : oldStart).append(',').append(oldLen)
                    .append(" +").append(newLen == 0 ? newStart - 1 : newStart).append(',').append(newLen)
                    .append(" @@\n").append(hunk);
            k = end;
        }
        return out.toString();
    }

    private static List<String> lines(String s) {
        List<String> l = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return l;
    }
}
