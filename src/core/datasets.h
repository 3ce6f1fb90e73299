// mlplay core: built-in datasets, behind one registry.
//
// - housing: the course's four-row table (面积 area, 卧室数量 bedrooms,
//   地理位置 location, 售价 price), data/housing_data.csv.
// - housing_generated: the same columns from a known linear law plus noise.
// - 2-D toy sets (circles, xor, blobs, spiral, moons, linear) with size,
//   noise and seed controls, for classifiers and clustering.
// - classic tables exported from scikit-learn 1.2.1 (iris, wine,
//   breast_cancer, digits, diabetes, moons_sklearn), data/*.csv.
// Every file is embedded in the build, so the registry works offline, in the
// runner and in the browser alike. Generators use only mlplay::Rng and the
// portable maths, so a seed gives the same rows on every target.
#pragma once

#include "core/dataset.h"
#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlplay {

enum class Task { regression, classification, clustering };
const char* task_name(Task task);

struct BuiltinDatasetInfo {
    std::string name;
    std::string description;
    std::string target; // the column a model predicts by default
    Task task = Task::regression;
    std::string source; // where the data comes from, and its licence
    bool generated = false; // accepts rows / noise / seed
};

std::vector<BuiltinDatasetInfo> builtin_datasets();
Result<BuiltinDatasetInfo> builtin_dataset_info(const std::string& name);

// Settings for the generated datasets; tables ignore them.
struct GeneratorOptions {
    size_t n_rows = 0;       // 0: the dataset's default
    double noise = -1.0;     // < 0: the dataset's default
    uint64_t seed = 42;
    int n_classes = 3;       // blobs only: number of centres, 2..10
};

Result<Dataset> load_builtin_dataset(const std::string& name,
                                     const GeneratorOptions& options = GeneratorOptions());

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

// 2-D toy sets: columns x1, x2, target (the class, 0..k-1). noise is the
// standard deviation of Gaussian noise added to each coordinate.
//  circles: an outer circle (class 0) around an inner one of half its radius.
//  moons:   two interleaving half circles, as sklearn.datasets.make_moons.
//  xor:     uniform in [-1, 1]^2, class 1 where x1 * x2 < 0.
//  spiral:  two interleaved spirals of 1.75 turns.
//  linear:  uniform in [-1, 1]^2, class 1 above the line x2 = 0.5 x1 + 0.1.
//  blobs:   n_classes Gaussian clusters, centres uniform in [-10, 10]^2,
//           noise = the clusters' standard deviation.
Result<Dataset> make_toy_2d(const std::string& kind, size_t n_rows, double noise,
                            uint64_t random_state, int n_classes = 3);

} // namespace mlplay
