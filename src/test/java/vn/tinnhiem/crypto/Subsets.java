package vn.tinnhiem.crypto;

import java.util.ArrayList;
import java.util.List;

/** Every k-subset of {1..n}, in lexicographic order. */
final class Subsets {
    private Subsets() {}

    static List<List<Integer>> of(int n, int k) {
        List<List<Integer>> out = new ArrayList<>();
        build(1, n, k, new ArrayList<>(), out);
        return out;
    }

    private static void build(int from, int n, int k, List<Integer> cur, List<List<Integer>> out) {
        if (cur.size() == k) {
            out.add(List.copyOf(cur));
            return;
        }
        for (int i = from; i <= n; i++) {
            cur.add(i);
            build(i + 1, n, k, cur, out);
            cur.remove(cur.size() - 1);
        }
    }
}
