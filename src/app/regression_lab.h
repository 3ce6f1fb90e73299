// mlplay app: the Regression lab, the course's house-price example.
//
// Data (the course's table or generated houses) -> split (test fraction,
// seed, shuffle) -> linear regression (exact QR solve, or gradient descent
// animated a few epochs per frame) -> coefficients, R^2 and MSE on both
// sides, predicted-vs-actual plot, loss curve, and a form to price a house.
//
// A failed action (an impossible split, a diverging learning rate) shows its
// message and leaves the data and the last good model as they were.
#pragma once

#include "app/ui_tracker.h"
#include "core/dataset.h"
#include "core/split.h"
#include "models/linear/linear_regression.h"

#include <string>
#include <vector>

namespace mlplay::app {

class FontManager;

// What tests and the JS API read back about the lab.
struct RegressionSnapshot {
    std::string dataset;
    size_t n_rows = 0, n_train = 0, n_test = 0;
    bool fitted = false, training = false;
    std::string solver;
    int epochs_done = 0;
    std::vector<std::string> feature_names;
    std::vector<double> coefficients;
    double intercept = 0;
    double r2_train = 0, r2_test = 0, mse_train = 0, mse_test = 0;
    std::string error;
};

class RegressionLab {
public:
    RegressionLab();

    void draw(UiTracker& ui, FontManager& fonts);
    // Runs up to the chosen epochs per frame of gradient descent, within
    // budget_ms; called every frame.
    void step_training(double budget_ms);
    RegressionSnapshot snapshot() const;

    // Replaces the data with a user's table; on failure nothing changes.
    bool load_csv_text(const std::string& name, const std::string& text);

private:
    void draw_data(UiTracker& ui);
    void draw_split_and_model(UiTracker& ui);
    void draw_actions(UiTracker& ui);
    void draw_predict(UiTracker& ui);
    void draw_results(UiTracker& ui);

    void select_source(int source);
    void fit();
    void stop_training();
    void refresh_evaluation();

    // Data.
    Dataset m_data;
    std::string m_data_name;
    std::string m_target;
    int m_source = 1; // 0: course table, 1: generated, 2: the user's CSV
    int m_gen_rows = 300;
    float m_gen_noise = 15.0f;
    int m_gen_seed = 42;

    // Split and model settings as shown.
    float m_test_size = 0.25f;
    int m_seed = 42;
    bool m_shuffle = true;
    int m_solver = 0; // 0: qr, 1: gd
    float m_learning_rate = 0.1f;
    int m_epochs = 300;
    int m_epochs_per_frame = 4; // animation speed of gradient descent

    // The last successful fit and what it is evaluated on.
    LinearRegression m_model;
    bool m_fitted = false;
    SupervisedData m_train, m_test;
    VectorF m_pred_train, m_pred_test;
    double m_r2_train = 0, m_r2_test = 0, m_mse_train = 0, m_mse_test = 0;

    std::vector<float> m_predict_inputs;
    std::string m_error;
    std::string m_notice;
};

} // namespace mlplay::app
