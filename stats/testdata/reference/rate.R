# Reference values for stats/rate_test.go and the examples in stats/example_test.go.
# R 4.2.2. Rerun with:  Rscript stats/testdata/reference/rate.R
# Every value is printed with sprintf("%.17g") so that it reads back as the same float64.

# suppressWarnings only silences prop.test's "Chi-squared approximation may be incorrect", which concerns
# its p-value, not the Wilson interval.
g <- function(x) sprintf("%.17g", x)
levels <- c(0.95, 0.998)

cat("# WilsonInterval: prop.test(x, n, conf.level = L, correct = FALSE)$conf.int\n")
wilson <- list(c(0, 1154), c(0, 5), c(5, 5), c(150, 150), c(7, 1154), c(1, 5), c(2, 150),
               c(167, 9000), c(485, 55236))
for (L in levels) for (c in wilson) {
  ci <- suppressWarnings(prop.test(c[1], c[2], conf.level = L, correct = FALSE))$conf.int
  cat(sprintf("{\"%d of %d at %g\", %d, %d, %g, %s, %s}, // prop.test(%d, %d, conf.level = %g, correct = FALSE)$conf.int, R 4.2.2\n",
              c[1], c[2], L, c[1], c[2], L, g(ci[1]), g(ci[2]), c[1], c[2], L))
}

cat("# PoissonExactInterval: poisson.test(x, conf.level = L)$conf.int\n")
for (L in levels) for (x in c(0, 1, 2, 5, 9, 10, 50)) {
  ci <- poisson.test(x, conf.level = L)$conf.int
  cat(sprintf("{\"%d at %g\", %d, %g, %s, %s}, // poisson.test(%d, conf.level = %g)$conf.int, R 4.2.2\n",
              x, L, x, L, g(ci[1]), g(ci[2]), x, L))
}

cat("# ByarInterval: closed form, z = qnorm(1 - (1 - L)/2)\n")
byar <- function(x, L) {
  z <- qnorm(1 - (1 - L)/2)
  c(x * (1 - 1/(9*x) - z/(3*sqrt(x)))^3, (x + 1) * (1 - 1/(9*(x + 1)) + z/(3*sqrt(x + 1)))^3)
}
for (L in levels) for (x in c(10, 11, 50, 167, 485)) {
  ci <- byar(x, L)
  cat(sprintf("{\"%d at %g\", %d, %g, %s, %s}, // byar(%d, %g), R 4.2.2\n", x, L, x, L, g(ci[1]), g(ci[2]), x, L))
}
cat("# where byar <- function(x, L) { z <- qnorm(1 - (1 - L)/2); c(x * (1 - 1/(9*x) - z/(3*sqrt(x)))^3, (x + 1) * (1 - 1/(9*(x + 1)) + z/(3*sqrt(x + 1)))^3) }\n")

cat("# RateOf, Wilson: x/n*1000 and prop.test(x, n, conf.level = L, correct = FALSE)$conf.int * 1000\n")
for (c in list(c(7, 1154), c(0, 150), c(2, 150), c(150, 150), c(485, 55236))) {
  x <- c[1]; n <- c[2]
  a <- suppressWarnings(prop.test(x, n, conf.level = 0.95, correct = FALSE))$conf.int * 1000
  b <- suppressWarnings(prop.test(x, n, conf.level = 0.998, correct = FALSE))$conf.int * 1000
  cat(sprintf("{\"wilson %d of %d\", %d, %d, stats.Wilson, %s, %s, %s, %s, %s},\n", x, n, x, n, g(x/n*1000), g(a[1]), g(a[2]), g(b[1]), g(b[2])))
  cat(sprintf("// %d/%d*1000; prop.test(%d, %d, conf.level = 0.95 and 0.998, correct = FALSE)$conf.int * 1000, R 4.2.2\n", x, n, x, n))
}
cat("# RateOf, Poisson: x/n*1000; poisson.test(x, T = n, conf.level = L)$conf.int * 1000 below 10, byar(x, L) / n * 1000 from 10\n")
for (c in list(c(7, 1154), c(0, 150), c(9, 1200), c(10, 1200), c(485, 55236))) {
  x <- c[1]; n <- c[2]
  if (x < 10) {
    a <- poisson.test(x, T = n, conf.level = 0.95)$conf.int * 1000
    b <- poisson.test(x, T = n, conf.level = 0.998)$conf.int * 1000
    call <- sprintf("poisson.test(%d, T = %d, conf.level = 0.95 and 0.998)$conf.int * 1000", x, n)
  } else {
    a <- byar(x, 0.95) / n * 1000
    b <- byar(x, 0.998) / n * 1000
    call <- sprintf("byar(%d, 0.95 and 0.998) / %d * 1000", x, n)
  }
  cat(sprintf("{\"poisson %d of %d\", %d, %d, stats.Poisson, %s, %s, %s, %s, %s},\n", x, n, x, n, g(x/n*1000), g(a[1]), g(a[2]), g(b[1]), g(b[2])))
  cat(sprintf("// %d/%d*1000; %s, R 4.2.2\n", x, n, call))
}
