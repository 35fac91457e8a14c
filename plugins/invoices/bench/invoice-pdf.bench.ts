/** Benchmark (issue 7): median milliseconds per invoice PDF (target ≤ 50 ms), run by `npm run bench`. */
import '../server/pdf/bench-render';
