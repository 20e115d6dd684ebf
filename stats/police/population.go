package police

// ApproxPopulation is each territorial force's resident population in
// thousands, about mid-2019 (ONS mid-year estimates for police force areas,
// rounded; within about 10%, which TestApproxPopulation checks against a
// published series). It is used only to catch denominators off by a factor
// of five or more, such as a column attached to the wrong forces: never as a
// denominator itself.
var ApproxPopulation = map[string]float64{
	"E23000001": 8950, "E23000002": 500, "E23000003": 1510, "E23000004": 1430, "E23000005": 2830,
	"E23000006": 1070, "E23000007": 1470, "E23000008": 640, "E23000009": 830, "E23000010": 2330,
	"E23000011": 1410, "E23000012": 930, "E23000013": 570, "E23000014": 2930, "E23000015": 1130,
	"E23000016": 1300, "E23000017": 580, "E23000018": 1060, "E23000019": 1160, "E23000020": 760,
	"E23000021": 1100, "E23000022": 750, "E23000023": 850, "E23000024": 910, "E23000025": 760,
	"E23000026": 670, "E23000027": 1190, "E23000028": 1850, "E23000029": 2420, "E23000030": 1990,
	"E23000031": 1200, "E23000032": 1850, "E23000033": 1710, "E23000034": 10, "E23000035": 1780,
	"E23000036": 1720, "E23000037": 640, "E23000038": 720, "E23000039": 770,
	"W15000001": 700, "W15000002": 590, "W15000003": 1340, "W15000004": 520,
}

// CityOfLondon has a tiny resident population but a large daytime one, its
// own police and offenders registered: it is compared only with a
// denominator that is itself a population.
const CityOfLondon = "E23000034"
