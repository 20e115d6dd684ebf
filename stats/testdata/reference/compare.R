# Reference values for stats/funnel_test.go, stats/trendtest_test.go and
# stats/compare_test.go (issue 5). Base R only: each formula below is written
# from its published description, independently of the Go code.
# R 4.2.2. Rerun with:  Rscript stats/testdata/reference/compare.R
# Every value is printed with sprintf("%.17g") so that it reads back as the same float64.
g <- function(x) sprintf("%.17g", x)
v <- function(x) paste(g(x), collapse = ", ")

cat("# FunnelLimit: PHEindicatormethods' sigma_adjustment (Fingertips technical guidance), as limit counts / n\n")
# The limit counts are the roots of A x^2 - 2 B x + C = 0, as in PHE's code:
phe_limit <- function(pbar, n, level, side) {
  z <- qnorm(1 - (1 - level) / 2)
  first <- pbar * (n / z^2 + 1)
  adj <- sqrt((-8 * pbar * (n / z^2 + 1))^2 - 64 * (1 / z^2 + 1 / n) * pbar *
                (n * (pbar * (n / z^2 + 2) - 1) + z^2 * (pbar - 1)))
  last <- 1 / z^2 + 1 / n
  x <- if (side == "low") (first - adj / 8) / last else (first + adj / 8) / last
  min(max(x, 0), n) / n
}
for (pbar in c(0.008780506, 0.05, 0.5)) for (n in c(20, 150, 1154, 9000)) for (L in c(0.95, 0.998)) {
  cat(sprintf("{%s, %s, %s, %s, %s},\n", g(pbar), g(n), g(L), g(phe_limit(pbar, n, L, "low")), g(phe_limit(pbar, n, L, "high"))))
}

# One period of 12 forces, overdispersed: counts x of n.
x <- c(7, 2, 167, 40, 12, 3, 55, 21, 9, 80, 30, 1)
n <- c(1154, 150, 9000, 4100, 2300, 700, 3900, 2600, 1500, 5200, 2800, 400)
cat("# The 12-force period\n")
cat(sprintf("x := []float64{%s}\nn := []float64{%s}\n", v(x), v(n)))
pbar <- sum(x) / sum(n)
cat(sprintf("pbar %s\n", g(pbar)))
flag <- function(p, n, pbar, lim) {
  ifelse(p > lim(0.998, "high"), "high (99.8%)",
  ifelse(p > lim(0.95, "high"), "high (95%)",
  ifelse(p < lim(0.998, "low"), "low (99.8%)",
  ifelse(p < lim(0.95, "low"), "low (95%)", "not significant"))))
}
p <- x / n
phe_flags <- sapply(seq_along(x), function(i) flag(p[i], n[i], pbar, function(L, s) phe_limit(pbar, n[i], L, s)))
cat("flags:", paste0("\"", phe_flags, "\"", collapse = ", "), "\n")

cat("# Overdispersion (Spiegelhalter 2005; FunnelPlotR, data_type = \"PR\")\n")
theta <- asin(sqrt(pbar))
y <- asin(sqrt(p)); s <- 1 / (2 * sqrt(n)); z <- (y - theta) / s
q <- quantile(z, c(0.1, 0.9))   # type 7, R's default
zw <- pmin(pmax(z, q[1]), q[2])
k <- length(x); phi <- mean(zw^2); w <- 1 / s^2
tau2 <- if (k * phi < k - 1) 0 else max(0, (k * phi - (k - 1)) / (sum(w) - sum(w^2) / sum(w)))
cat(sprintf("theta %s\nz %s\nq10 %s q90 %s\nphi %s\ntau2 %s\n", g(theta), v(z), g(q[1]), g(q[2]), g(phi), g(tau2)))
od_limit <- function(n, L, side) {
  zz <- qnorm(1 - (1 - L) / 2); se <- sqrt(1 / (4 * n) + tau2)
  a <- if (side == "low") theta - zz * se else theta + zz * se
  sin(min(max(a, 0), pi / 2))^2
}
for (i in seq_along(n)) cat(sprintf("od limits n=%s: %s, %s, %s, %s\n", g(n[i]),
  g(od_limit(n[i], 0.95, "low")), g(od_limit(n[i], 0.95, "high")), g(od_limit(n[i], 0.998, "low")), g(od_limit(n[i], 0.998, "high"))))
od_flags <- sapply(seq_along(x), function(i) flag(p[i], n[i], pbar, function(L, s) od_limit(n[i], L, s)))
cat("od flags:", paste0("\"", od_flags, "\"", collapse = ", "), "\n")

cat("# An underdispersed period: phi < 1, so tau2 = 0\n")
x2 <- c(10, 20, 30, 41, 50); n2 <- c(1000, 2000, 3000, 4000, 5000)
p2 <- x2 / n2; pb2 <- sum(x2) / sum(n2); z2 <- (asin(sqrt(p2)) - asin(sqrt(pb2))) * 2 * sqrt(n2)
q2 <- quantile(z2, c(0.1, 0.9)); zw2 <- pmin(pmax(z2, q2[1]), q2[2])
cat(sprintf("phi %s (k*phi = %s < k - 1 = 4)\n", g(mean(zw2^2)), g(5 * mean(zw2^2))))

cat("# quantile(v, p), type 7\n")
qv <- c(3.5, -1.25, 0, 7, 2, 2, -4)
for (pp in c(0, 0.1, 0.25, 0.5, 0.9, 1)) cat(sprintf("{%s, %s},\n", g(pp), g(quantile(qv, pp, names = FALSE))))

cat("# ChiSquareTrend: prop.trend.test(x, n, score = t)\n")
trend <- function(x, n, t) {
  r <- prop.trend.test(x, n, score = t)
  cat(sprintf("x %s | n %s | t %s -> chisq %s p %s\n", v(x), v(n), v(t), g(r$statistic), g(r$p.value)))
}
trend(c(5, 7, 9, 12, 15), c(1000, 1010, 1030, 1040, 1100), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
trend(c(30, 31, 29, 32, 30), c(3000, 3050, 2990, 3100, 3020), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
trend(c(0, 3, 1), c(200, 210, 190), c(2016.5, 2017.5, 2018.5))
trend(c(50, 40, 20, 10), c(1000, 1000, 1000, 1000), c(2015.25, 2016.25, 2018.25, 2019.25))

cat("# RecentTrendOf (Wilson): weighted lm of the rate per 1,000 on t, w = 1/se^2 from prop.test's 95% interval\n")
recent <- function(x, n, t) {
  ci <- t(sapply(seq_along(x), function(i) suppressWarnings(prop.test(x[i], n[i], correct = FALSE))$conf.int * 1000))
  se <- (ci[, 2] - ci[, 1]) / (2 * qnorm(0.975)); w <- 1 / se^2; yy <- x / n * 1000
  fit <- summary(lm(yy ~ t, weights = w))
  beta <- fit$coefficients[2, 1]
  sebeta <- fit$coefficients[2, 2] / fit$sigma   # known variances: drop the residual scale
  drops <- sapply(seq_along(x), function(i) coef(lm(yy[-i] ~ t[-i], weights = w[-i]))[2])
  cat(sprintf("x %s | n %s | t %s -> slope %s se %s z %s robust %s\n", v(x), v(n), v(t), g(beta), g(sebeta), g(beta / sebeta),
              all(sign(drops) == sign(beta))))
}
recent(c(5, 7, 9, 12, 15), c(1000, 1010, 1030, 1040, 1100), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
recent(c(30, 31, 29, 32, 30), c(3000, 3050, 2990, 3100, 3020), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
recent(c(200, 240, 290, 330, 400), c(20000, 20000, 20500, 20500, 21000), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
recent(c(20, 21, 90, 22, 24), c(2000, 2000, 2000, 2000, 2000), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
recent(c(1000, 990, 980, 980, 2000), c(1e5, 1e5, 1e5, 1e5, 1e5), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
recent(c(0, 1, 0, 2, 1), c(300, 300, 300, 300, 300), c(2014.75, 2015.75, 2016.75, 2017.75, 2018.75))
cat(sprintf("qnorm(0.999) %s\n", g(qnorm(0.999))))
