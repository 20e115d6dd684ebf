# Reference values for stats/aggregate_test.go, stats/results_test.go and the
# ReadTable + Compute example in stats/example_test.go.
# R 4.2.2. Rerun with:  Rscript stats/testdata/reference/aggregate.R
# Every value is printed with sprintf("%.17g") so that it reads back as the same float64.

g <- function(x) sprintf("%.17g", x)
byar <- function(x, L) {
  z <- qnorm(1 - (1 - L)/2)
  c(x * (1 - 1/(9*x) - z/(3*sqrt(x)))^3, (x + 1) * (1 - 1/(9*(x + 1)) + z/(3*sqrt(x + 1)))^3)
}
# The aggregate of a period is the rate of the summed counts of the forces
# whose rate is computable.
wilson <- function(x, n) {
  a <- suppressWarnings(prop.test(x, n, conf.level = 0.95, correct = FALSE))$conf.int * 1000
  b <- suppressWarnings(prop.test(x, n, conf.level = 0.998, correct = FALSE))$conf.int * 1000
  cat(sprintf("wilson %d of %d: rate %s  ci95 %s %s  ci998 %s %s\n", x, n, g(x/n*1000), g(a[1]), g(a[2]), g(b[1]), g(b[2])))
}
poisson <- function(x, n) {
  if (x < 10) {
    a <- poisson.test(x, T = n, conf.level = 0.95)$conf.int * 1000
    b <- poisson.test(x, T = n, conf.level = 0.998)$conf.int * 1000
  } else {
    a <- byar(x, 0.95) / n * 1000
    b <- byar(x, 0.998) / n * 1000
  }
  cat(sprintf("poisson %d of %d: rate %s  ci95 %s %s  ci998 %s %s\n", x, n, g(x/n*1000), g(a[1]), g(a[2]), g(b[1]), g(b[2])))
}

cat("# AggregateOf\n")
wilson(7 + 167 + 2, 1154 + 9000 + 150)   # all three forces
poisson(7 + 167 + 2, 1154 + 9000 + 150)
wilson(7 + 2, 1154 + 150)                # Nottinghamshire left out
poisson(7 + 2, 1154 + 150)

cat("# Compute on the 9-row table of aggregate_test.go\n")
wilson(7 + 2 + 167, 1154 + 150 + 9000)     # 2015/16
wilson(9 + 170, 1180 + 9100)               # 2016/17: Staffordshire has no count
wilson(12 + 5 + 160, 1210 + 160 + 9150)    # 2017/18
poisson(7 + 2 + 167, 1154 + 150 + 9000)
poisson(9 + 170, 1180 + 9100)
poisson(12 + 5 + 160, 1210 + 160 + 9150)
wilson(9, 1180)
wilson(2, 150)
wilson(5, 160)

slope <- function(name, x, n, t) {
  y <- x / n * 1000
  ci <- sapply(seq_along(x), function(i)
    suppressWarnings(prop.test(x[i], n[i], conf.level = 0.95, correct = FALSE))$conf.int * 1000)
  se <- (ci[2, ] - ci[1, ]) / (2 * qnorm(0.975))
  fit <- lm(y ~ t, weights = 1 / se^2)
  cat(sprintf("%s: slope %s  se %s  ci95 %s %s\n", name, g(coef(fit)[2]), g(summary(fit)$coefficients[2, 2]),
              g(confint(fit)[2, 1]), g(confint(fit)[2, 2])))
}
# t: FinancialYear(2015..2017).Midpoint(), as in trend.R.
fy <- c(2015.7479452054795, 2016.7472677595629, 2017.7465753424658)
slope("Derbyshire", c(7, 9, 12), c(1154, 1180, 1210), fy)
slope("Nottinghamshire", c(167, 170, 160), c(9000, 9100, 9150), fy)

cat("# Example: 3 rows of 2017/18\n")
wilson(7, 1154); wilson(2, 150); wilson(167, 9000); wilson(7 + 2 + 167, 1154 + 150 + 9000)

cat("# results.csv test table (results_test.go)\n")
wilson(7, 1154)                      # Derbyshire 2017/18
wilson(7 + 3, 1154 + 200)            # 2017/18: Derbyshire and Gotham only
wilson(9 + 0, 1180 + 300)            # 2016/17: Derbyshire and Police Scotland
