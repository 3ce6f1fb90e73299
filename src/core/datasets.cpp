#include "core/datasets.h"

#include "core/csv.h"
#include "core/embedded.h"
#include "core/rng.h"

#include <algorithm>
#include <cmath>

namespace mlplay {

std::vector<BuiltinDatasetInfo> builtin_datasets() {
    return {
        {"housing", "The course's house-price table: 4 rows, 面积 卧室数量 地理位置 -> 售价",
         "售价"},
        {"housing_generated", "300 houses from a known linear law plus noise (seed 42)", "售价"},
    };
}

Result<Dataset> load_builtin_dataset(const std::string& name) {
    if (name == "housing") return read_csv(embedded_file("housing_data.csv"));
    if (name == "housing_generated") return make_housing(300, 15.0, 42);

    std::string known;
    for (const BuiltinDatasetInfo& d : builtin_datasets()) known += " " + d.name;
    return make_error("no built-in dataset named \"%s\"; the built-in ones are:%s",
                      name.c_str(), known.c_str());
}

Result<Dataset> make_housing(size_t n_rows, double noise, uint64_t random_state,
                             const HousingLaw& law) {
    if (n_rows == 0 || n_rows > 10000000)
        return make_error("make_housing: %zu rows; ask for 1 to 10,000,000", n_rows);
    if (!(noise >= 0.0) || !std::isfinite(noise))
        return make_error("make_housing: noise %g must be a finite value >= 0", noise);

    Rng rng(random_state);
    std::vector<float> area(n_rows), bedrooms(n_rows), location(n_rows), price(n_rows);
    for (size_t i = 0; i < n_rows; ++i) {
        double a = std::floor(rng.uniform(50.0, 200.0));
        double b = std::floor(a / 45.0 + rng.normal(0.0, 0.6) + 0.5);
        b = std::min(6.0, std::max(1.0, b));
        double loc = 1.0 + rng.uniform_index(3);
        double p = law.area_coef * a + law.bedrooms_coef * b + law.location_coef * loc +
                   law.intercept + noise * rng.normal();
        area[i] = static_cast<float>(a);
        bedrooms[i] = static_cast<float>(b);
        location[i] = static_cast<float>(loc);
        // Prices are quoted to one decimal, as a listing would.
        price[i] = static_cast<float>(std::floor(p * 10.0 + 0.5) / 10.0);
    }

    Dataset ds;
    ds.add_column("面积", std::move(area));
    ds.add_column("卧室数量", std::move(bedrooms));
    ds.add_column("地理位置", std::move(location));
    ds.add_column("售价", std::move(price));
    return ds;
}

} // namespace mlplay
