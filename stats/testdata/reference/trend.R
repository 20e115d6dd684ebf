# Reference values for stats/trend_test.go (RateSlope, ChangeIn, Between, YearOnYear).
# R 4.2.2. Rerun with:  Rscript stats/testdata/reference/trend.R
# Every value is printed with sprintf("%.17g") so that it reads back as the same float64.

g <- function(x) sprintf("%.17g", x)

# Period midpoints in decimal years. The t below are Go's Period.Midpoint()
# printed with %.17g; midpoint() recomputes them here from the calendar
# (middle of [first day, last day + 1 day), as a fraction of its calendar year)
# and the script stops if the two disagree.
midpoint <- function(first, last) {
  s <- as.POSIXct(first, tz = "UTC"); e <- as.POSIXct(last, tz = "UTC") + 86400
  m <- s + (as.numeric(e) - as.numeric(s)) / 2
  y <- as.integer(format(m, "%Y", tz = "UTC"))
  j <- as.POSIXct(sprintf("%d-01-01", y), tz = "UTC"); k <- as.POSIXct(sprintf("%d-01-01", y + 1), tz = "UTC")
  y + (as.numeric(m) - as.numeric(j)) / (as.numeric(k) - as.numeric(j))
}
fy <- function(y) midpoint(sprintf("%d-04-01", y), sprintf("%d-03-31", y + 1))
cy <- function(y) midpoint(sprintf("%d-01-01", y), sprintf("%d-12-31", y))
day <- function(d) midpoint(d, d)

# The weighted fit of RateSlope: y = rate per 1000, w = 1/se^2 with
# se = (ci95_high - ci95_low)/(2*qnorm(0.975)) from the Wilson interval.
slope <- function(name, x, n, t, tcal) {
  stopifnot(identical(t, tcal))
  y <- x / n * 1000
  ci <- sapply(seq_along(x), function(i)
    suppressWarnings(prop.test(x[i], n[i], conf.level = 0.95, correct = FALSE))$conf.int * 1000)
  se <- (ci[2, ] - ci[1, ]) / (2 * qnorm(0.975))
  w <- 1 / se^2
  fit <- lm(y ~ t, weights = w)
  b <- coef(fit)[2]; s <- summary(fit)$coefficients[2, 2]; ci <- confint(fit)[2, ]
  cat(sprintf("%s: x = c(%s), n = c(%s), t = c(%s)\n", name, paste(x, collapse = ", "), paste(n, collapse = ", "), paste(g(t), collapse = ", ")))
  cat(sprintf("  slope %s  se %s  ci95 %s %s  points %d\n", g(b), g(s), g(ci[1]), g(ci[2]), length(x)))
}

cat("# RateSlope: fit <- lm(y ~ t, weights = w); coef(fit)[2], summary(fit)$coefficients[2, 2], confint(fit)[2, ]\n")
slope("3 financial years", c(396, 440, 485), c(50512, 52870, 55236),
      c(2015.7479452054795, 2016.7472677595629, 2017.7465753424658), fy(2015:2017))
slope("5 calendar years", c(7, 9, 12, 8, 15), c(1154, 1180, 1210, 1235, 1260),
      c(2014.5, 2015.5, 2016.5, 2017.5, 2018.5), cy(2014:2018))
slope("10 financial years", c(20, 22, 19, 25, 27, 30, 28, 33, 35, 38), 3000 + 50 * (0:9),
      c(2008.7472677595629, 2009.7465753424658, 2010.7465753424658, 2011.7479452054795, 2012.7472677595629,
        2013.7465753424658, 2014.7465753424658, 2015.7479452054795, 2016.7472677595629, 2017.7465753424658), fy(2008:2017))
slope("dates with a zero count", c(0, 2, 1, 3), c(150, 150, 155, 160),
      c(2015.0452054794521, 2016.045081967213, 2017.0452054794521, 2018.0452054794521),
      day(c("2015-01-17", "2016-01-17", "2017-01-17", "2018-01-17")))
# The 2015/16 figure has no numerator, so it is left out of the fit.
slope("uncomputable figure skipped", c(12, 15, 18), c(1300, 1320, 1350),
      c(2014.7465753424658, 2016.7472677595629, 2017.7465753424658), fy(c(2014, 2016, 2017)))

cat("# ChangeIn(from, to): to - from and 100 * (to - from) / from\n")
change <- function(from, to) cat(sprintf("%s -> %s: absolute %s  percent %s\n", g(from), g(to), g(to - from), g(100 * (to - from) / from)))
change(396, 485)
change(485, 396)
change(2, 0)
change(7, 7)
change(0, 2)   # percent is Inf in R: the Go code must say NaN with a PercentReason
change(7 / 1154 * 1000, 9 / 1180 * 1000)
change(396 / 50512 * 1000, 485 / 55236 * 1000)
change(7, 9)
change(9, 12)
change(9 / 1180 * 1000, 12 / 1210 * 1000)
change(0, 2 / 150 * 1000)
