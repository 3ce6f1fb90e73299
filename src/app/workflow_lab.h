// mlplay app: the Workflow lab, the steps of the course's "engineering
// practice of machine learning" on any table: collect (a built-in dataset or
// the user's CSV), define the problem (target and task), inspect the columns,
// split, choose a model and its hyper-parameters, train, evaluate.
//
// Like every lab, a failed action shows its message and keeps what was
// loaded and trained before.
#pragma once

#include "app/ui_tracker.h"
#include "core/dataset.h"
#include "core/datasets.h"
#include "core/json.h"
#include "core/model.h"
#include "core/preprocess.h"

#include <memory>
#include <string>
#include <vector>

namespace mlplay::app {

class FontManager;

class WorkflowLab {
public:
    WorkflowLab();

    void draw(UiTracker& ui, FontManager& fonts);
    // Replaces the data with a user's table; on failure nothing changes.
    bool load_csv_text(const std::string& name, const std::string& text);
    // For tests and the JS API: the state as one JSON object.
    Json state() const;

private:
    void draw_data(UiTracker& ui);
    void draw_problem(UiTracker& ui);
    void draw_columns();
    void draw_preprocess(UiTracker& ui);
    void rebuild_spec();
    void draw_split_and_model(UiTracker& ui);
    void draw_train(UiTracker& ui);
    void draw_results(UiTracker& ui);

    void load_builtin(const std::string& name);
    void set_data(Dataset ds, const std::string& name, const std::string& target);
    void infer_task();
    void choose_model(const std::string& name);
    void train();

    // Data and problem.
    Dataset m_data;
    std::string m_data_name;
    int m_target = -1;
    Task m_task = Task::regression;
    bool m_task_overridden = false;
    int m_inspect_column = 0;

    // Preprocessing: choices that build the spec, or the spec typed by hand.
    int m_impute = 0;  // none, mean, median, most_frequent
    int m_outliers = 0; // none, clip:iqr, drop:zscore
    int m_scale = 0;   // none, standard, minmax
    int m_encode = 1;  // none, onehot, ordinal
    int m_select_k = 0; // 0: keep every feature
    std::string m_spec;

    // Split and model settings.
    float m_test_size = 0.25f;
    int m_seed = 42;
    bool m_stratify = true;
    std::string m_model_name;
    Json m_params = Json::object();
    std::vector<ParamSpec> m_specs;

    // The last successful training and its evaluation.
    std::unique_ptr<Model> m_model;
    Pipeline m_pipeline;     // fitted on the training rows
    Dataset m_train_raw;     // the training rows before and after preprocessing
    Dataset m_train_after;
    Json m_metrics = Json::object();
    std::vector<std::string> m_class_labels;
    std::vector<long long> m_confusion;
    std::vector<float> m_actual, m_predicted;
    size_t m_n_train = 0, m_n_test = 0;
    double m_fit_ms = 0;

    std::string m_error;
};

} // namespace mlplay::app
