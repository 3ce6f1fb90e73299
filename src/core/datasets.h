// mlplay core: built-in datasets.
//
// housing: the course's four-row table (面积 area, 卧室数量 bedrooms,
// 地理位置 location, 售价 price), shipped as data/housing_data.csv and
// embedded in the build.
// housing generator: the same columns, any number of rows, drawn from a known
// linear law plus Gaussian noise, so a split leaves enough rows on each side
// and a fit can be checked against the law.
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlplay {

struct BuiltinDatasetInfo {
    std::string name;
    std::string description;
    std::string target; // the column a model predicts by default
};

std::vector<BuiltinDatasetInfo> builtin_datasets();
Result<Dataset> load_builtin_dataset(const std::string& name);

// The law behind make_housing, in the column order of the table:
// price = area_coef * area + bedrooms_coef * bedrooms
//       + location_coef * location + intercept + noise * N(0, 1)
struct HousingLaw {
    double area_coef = 2.2;
    double bedrooms_coef = 12.0;
    double location_coef = 30.0;
    double intercept = 10.0;
};

// Rows: area uniform in [50, 200) m^2 (whole numbers), bedrooms about one per
// 45 m^2 (1..6), location a district code 1..3. noise is the standard
// deviation of the price noise, >= 0.
Result<Dataset> make_housing(size_t n_rows, double noise, uint64_t random_state,
                             const HousingLaw& law = HousingLaw());

} // namespace mlplay
