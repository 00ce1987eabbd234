/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "gp-test-utils.h"

/* Training scenarios: the bundled ones, the broken corpus (tests/scenario-corpus), checks
 * against the flow, and `guidepost --validate` on scenario files. */

#define SCENARIOS_PATH "/io/guidepost/Guidepost/scenarios"

static GpFlowLibrary *
bundled_library (void)
{
  return gp_flow_library_new_for_sources ("/io/guidepost/Guidepost/flows", NULL);
}

static GBytes *
read_source (const char *first,
             ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  va_list args;

  g_ptr_array_add (parts, (char *) g_getenv ("GUIDEPOST_SOURCE_ROOT"));
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static GpScenario *
load_ok (GBytes        *bytes,
         GpFlowLibrary *library)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GpScenario *scenario = gp_scenario_load_bytes (bytes, "scenario.json", library, NULL, diagnostics, &error);

  if (diagnostics->len > 0)
    {
      g_autofree char *all = gp_test_describe_diagnostics (diagnostics);

      g_test_message ("unexpected diagnostics:\n%s", all);
    }
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  return scenario;
}

/* Every bundled scenario loads against the bundled flows without a single diagnostic, and
 * together they cover D4 evidence 4a, 4b (new, familiar) and 5a, 5b (customer, system). */
static void
test_bundled (void)
{
  g_autoptr(GpFlowLibrary) library = bundled_library ();
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) flows = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean familiarity[2] = { FALSE, FALSE };
  gboolean cause[2] = { FALSE, FALSE };
  guint n = 0;

  names = g_resources_enumerate_children (SCENARIOS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (SCENARIOS_PATH "/", names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_autoptr(GBytes) source = read_source ("flows", "scenarios", names[i], NULL);
      g_autoptr(GpScenario) scenario = NULL;
      GpFlow *flow;

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, source));
      g_assert_true (gp_scenario_sniff (bytes));
      scenario = load_ok (bytes, library);
      /* Files are named after the scenario's id. */
      g_assert_true (g_str_has_prefix (names[i], gp_scenario_get_id (scenario)));
      g_assert_cmpstr (names[i] + strlen (gp_scenario_get_id (scenario)), ==, ".json");
      flow = gp_flow_library_lookup (library, gp_scenario_get_flow_id (scenario));
      g_assert_nonnull (flow);
      g_hash_table_add (flows, (gpointer) gp_flow_get_id (flow));
      familiarity[gp_scenario_get_persona_familiarity (scenario)] = TRUE;

      for (guint c = 0; c < gp_scenario_get_n_cues (scenario); c++)
        {
          GpScenarioCue *cue = gp_scenario_get_cue (scenario, c);
          const char *step_id = gp_scenario_cue_get_step_id (cue);

          for (guint s = 0; s < gp_flow_get_n_steps (flow); s++)
            {
              GpStep *step = gp_flow_get_step (flow, s);
              GpFailure *failure = gp_step_lookup_failure (step, gp_scenario_cue_get_failure_id (cue));

              if (failure != NULL && (step_id == NULL || g_str_equal (step_id, gp_step_get_id (step))))
                cause[gp_failure_get_cause (failure)] = TRUE;
            }
        }
      g_assert_cmpuint (gp_scenario_get_total_points (scenario), >, 0);
      n++;
    }

  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpuint (g_hash_table_size (flows), ==, 4);
  g_assert_true (familiarity[GP_FAMILIARITY_NEW] && familiarity[GP_FAMILIARITY_FAMILIAR]);
  g_assert_true (cause[GP_FAILURE_CAUSE_CUSTOMER] && cause[GP_FAILURE_CAUSE_SYSTEM]);
}

static void
test_model (void)
{
  g_autoptr(GpFlowLibrary) library = bundled_library ();
  g_autoptr(GBytes) bytes = read_source ("flows", "scenarios", "permit-new-car-payment-timeout.json", NULL);
  g_autoptr(GpScenario) scenario = load_ok (bytes, library);
  GpScenarioCue *cue;
  GpScenarioPractice *practice;

  g_assert_cmpstr (gp_scenario_get_id (scenario), ==, "permit-new-car-payment-timeout");
  g_assert_cmpstr (gp_scenario_get_version (scenario), ==, "1.0.0");
  g_assert_cmpstr (gp_scenario_get_locale (scenario), ==, "en-GB");
  g_assert_cmpstr (gp_scenario_get_flow_id (scenario), ==, "renew-parking-permit");
  g_assert_cmpstr (gp_scenario_get_flow_version (scenario), ==, "1.0.0");
  g_assert_cmpstr (gp_scenario_get_persona_name (scenario), ==, "Ahmed Karimi");
  g_assert_cmpint (gp_scenario_get_persona_familiarity (scenario), ==, GP_FAMILIARITY_NEW);
  g_assert_cmpint (gp_scenario_get_persona_mood (scenario), ==, GP_MOOD_CALM);
  g_assert_cmpstr (gp_mood_to_string (GP_MOOD_IN_A_HURRY), ==, "in-a-hurry");
  g_assert_cmpuint (g_strv_length ((GStrv) gp_scenario_get_persona_has_at_hand (scenario)), ==, 4);
  g_assert_nonnull (gp_scenario_get_persona_notes (scenario));

  g_assert_cmpuint (gp_scenario_get_n_cues (scenario), ==, 3);
  cue = gp_scenario_get_cue (scenario, 2);
  g_assert_cmpuint (gp_scenario_cue_get_index (cue), ==, 2);
  g_assert_cmpstr (gp_scenario_cue_get_step_id (cue), ==, "card-payment");
  g_assert_cmpfloat (gp_scenario_cue_get_after_seconds (cue), <, 0);
  g_assert_cmpstr (gp_scenario_cue_get_failure_id (cue), ==, "payment-timeout");
  g_assert_nonnull (gp_scenario_cue_get_say (cue));

  g_assert_cmpuint (gp_scenario_get_n_practices (scenario), ==, 5);
  practice = gp_scenario_lookup_practice (scenario, "escalate-second-timeout");
  g_assert_nonnull (practice);
  g_assert_cmpuint (gp_scenario_practice_get_index (practice), ==, 4);
  g_assert_cmpint (gp_scenario_practice_get_kind (practice), ==, GP_PRACTICE_ESCALATE_WHEN_LIMIT);
  g_assert_cmpstr (gp_practice_kind_to_string (gp_scenario_practice_get_kind (practice)), ==, "escalate-when-limit");
  g_assert_cmpstr (gp_scenario_practice_get_step_id (practice), ==, "card-payment");
  g_assert_cmpstr (gp_scenario_practice_get_failure_id (practice), ==, "payment-timeout");
  g_assert_null (gp_scenario_practice_get_offer_id (practice));
  g_assert_cmpuint (gp_scenario_practice_get_points (practice), ==, 10);
  g_assert_cmpstr (gp_scenario_practice_get_criterion (practice), ==, "5b");
  g_assert_null (gp_scenario_lookup_practice (scenario, "nothing-like-this"));
  g_assert_cmpuint (gp_scenario_get_total_points (scenario), ==, 37);
  g_assert_cmpfloat (gp_scenario_get_time_limit_minutes (scenario), ==, 30);
  g_assert_true (gp_scenario_get_hints_allowed (scenario));
  g_assert_null (gp_scenario_get_extensions (scenario));
  /* Ahmed is new to the service but wants to try; no offers in his replies. */
  g_assert_true (gp_scenario_get_reply_try_again (scenario));
  g_assert_cmpint (gp_scenario_get_reply_offer (scenario, "renewal-reminders"), ==, GP_OFFER_ANSWER_ACCEPTED);
  {
    const char *comment = NULL;

    g_assert_cmpuint (gp_scenario_get_reply_satisfaction (scenario, &comment), ==, 4);
    g_assert_nonnull (comment);
  }
  g_assert_finalize_object (g_steal_pointer (&scenario));
}

/* x- keys are allowed at every level and kept; absent optional keys have defaults. */
static void
test_extensions_and_defaults (void)
{
  g_autoptr(GBytes) source = read_source ("flows", "scenarios", "meter-digits-confused.json", NULL);
  g_autoptr(JsonNode) root = gp_test_parse (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GpFlowLibrary) library = bundled_library ();
  g_autoptr(GpScenario) scenario = NULL;
  GpScenarioCue *cue;

  gp_test_edit (root, "/x-trainer", "\"Ruth\"");
  gp_test_edit (root, "/flow/x-note", "1");
  gp_test_edit (root, "/persona/x-accent", "\"Leicester\"");
  gp_test_edit (root, "/script/0/x-tone", "\"puzzled\"");
  gp_test_edit (root, "/script/0/at/x-why", "null");
  gp_test_edit (root, "/expected_practice/0/x-weight", "[1, 2]");
  gp_test_edit (root, "/persona/name", NULL);
  gp_test_edit (root, "/time_limit_minutes", NULL);
  gp_test_edit (root, "/hints_allowed", NULL);
  gp_test_edit (root, "/script/0/at", "{\"after_seconds\": 90.5}");
  gp_test_edit (root, "/replies/x-note", "true");
  gp_test_edit (root, "/replies/offers/x-why", "\"she rents\"");
  gp_test_edit (root, "/replies/satisfaction/x-tone", "\"relieved\"");
  gp_test_edit (root, "/replies/satisfaction/comment", NULL);
  gp_test_edit (root, "/replies/try_again", NULL);
  bytes = gp_test_serialize (root);

  scenario = load_ok (bytes, library);
  g_assert_cmpstr (json_object_get_string_member (gp_scenario_get_extensions (scenario), "x-trainer"), ==, "Ruth");
  g_assert_nonnull (gp_scenario_cue_get_extensions (gp_scenario_get_cue (scenario, 0)));
  g_assert_nonnull (gp_scenario_practice_get_extensions (gp_scenario_get_practice (scenario, 0)));
  g_assert_null (gp_scenario_get_persona_name (scenario));
  g_assert_cmpfloat (gp_scenario_get_time_limit_minutes (scenario), <, 0);
  g_assert_true (gp_scenario_get_hints_allowed (scenario));
  cue = gp_scenario_get_cue (scenario, 0);
  g_assert_null (gp_scenario_cue_get_step_id (cue));
  g_assert_cmpfloat (gp_scenario_cue_get_after_seconds (cue), ==, 90.5);
  /* Replies: x- keys ignored, the rest as written, the default for what is left out
   * (Priya is new to the service: she would rather be shown). */
  g_assert_false (gp_scenario_get_reply_try_again (scenario));
  g_assert_cmpint (gp_scenario_get_reply_offer (scenario, "smart-meter"), ==, GP_OFFER_ANSWER_LATER);
  g_assert_cmpint (gp_scenario_get_reply_offer (scenario, "x-why"), ==, GP_OFFER_ANSWER_ACCEPTED);
  {
    const char *comment = "unset";

    g_assert_cmpuint (gp_scenario_get_reply_satisfaction (scenario, &comment), ==, 4);
    g_assert_null (comment);
  }
}

/* Every problem in one run; the error names the first and counts the rest. */
static void
test_all_problems (void)
{
  g_autoptr(GBytes) source = read_source ("flows", "scenarios", "locked-out-code-missing.json", NULL);
  g_autoptr(JsonNode) root = gp_test_parse (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GpFlowLibrary) library = bundled_library ();
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpScenario) scenario = NULL;

  gp_test_edit (root, "/persona/mood", "\"grumpy\"");
  gp_test_edit (root, "/script/0/at/step", "\"send-code\"");
  gp_test_edit (root, "/expected_practice/4/points", "21");
  bytes = gp_test_serialize (root);

  scenario = gp_scenario_load_bytes (bytes, "three.json", library, NULL, diagnostics, &error);
  g_assert_null (scenario);
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "(and 2 more problems)"));
  g_assert_cmpuint (diagnostics->len, ==, 3);
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_BAD_VALUE, "/persona/mood"));
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_BAD_VALUE, "/expected_practice/4/points"));
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_MISSING_REFERENCE, "/script/0/inject"));
}

/* References are checked only against a flow: without one, the semantic cases (but the
 * duplicate id) load; against the wrong flow, /flow/id is reported. */
static void
test_against_flow (void)
{
  g_autoptr(GpFlowLibrary) library = bundled_library ();
  g_autoptr(GBytes) bytes = read_source ("tests", "scenario-corpus", "broken",
                                         "semantic-missing-reference-inject-other-step.json", NULL);
  g_autoptr(GBytes) good = read_source ("flows", "scenarios", "locked-out-code-missing.json", NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpScenario) unchecked = NULL;
  g_autoptr(GpScenario) checked = NULL;
  g_autoptr(GpScenario) wrong = NULL;
  g_autoptr(GError) error = NULL;
  GpFlow *banking = gp_flow_library_lookup (library, "regain-online-banking");
  GpFlow *parcel = gp_flow_library_lookup (library, "redirect-parcel");

  unchecked = gp_scenario_load_bytes (bytes, "x.json", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (unchecked);

  checked = gp_scenario_load_bytes (bytes, "x.json", NULL, banking, diagnostics, &error);
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID);
  g_assert_null (checked);
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_MISSING_REFERENCE, "/script/0/inject"));
  g_clear_error (&error);
  g_ptr_array_set_size (diagnostics, 0);

  checked = gp_scenario_load_bytes (good, "good.json", NULL, banking, diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checked);

  wrong = gp_scenario_load_bytes (good, "good.json", NULL, parcel, diagnostics, &error);
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID);
  g_assert_null (wrong);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_MISSING_REFERENCE, "/flow/id"));
}

/* Exactly one problem, with its code at its exact place, reported against the file. */
static void
test_broken (gconstpointer data)
{
  const GpTestCorpusCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scenario-corpus", "broken", c->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpFlowLibrary) library = bundled_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GpScenario) scenario = gp_scenario_load_file (file, c->file, library, NULL, NULL, diagnostics, &error);
  GpDiagnostic *found = gp_test_find_corpus_diagnostic (diagnostics, c);

  if (found == NULL || diagnostics->len != 1)
    {
      g_autofree char *all = gp_test_describe_diagnostics (diagnostics);

      g_test_message ("%s: expected only %s at %s; got:\n%s", c->file, c->code, c->location, all);
      g_test_fail ();
      return;
    }
  g_assert_cmpstr (gp_diagnostic_get_file (found), ==, c->file);
  g_assert_cmpint (gp_diagnostic_get_severity (found), ==, GP_SEVERITY_ERROR);
  g_assert_nonnull (error);
  g_assert_null (scenario);
}

static void
test_cli (void)
{
  g_autofree char *data_home = g_dir_make_tmp ("guidepost-scenario-XXXXXX", NULL);
  g_autofree char *shipped = g_build_filename (g_getenv ("GUIDEPOST_SOURCE_ROOT"), "flows", "scenarios",
                                               "locked-out-code-missing.json", NULL);
  g_autofree char *expected = NULL;

  g_assert_nonnull (data_home);

  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "", data_home, "--validate", shipped, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    expected = g_strdup_printf ("%s: valid (scenario locked-out-code-missing 1.0.0 for regain-online-banking 1.0.0, "
                                "6 expected practices, 33 points), 0 warnings\n", shipped);
    g_assert_cmpstr (run.err, ==, expected);
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "", data_home, "--validate",
                   "scenario-corpus/broken/semantic-missing-reference-inject-other-step.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "scenario-corpus/broken/semantic-missing-reference-inject-other-step.json#/script/0/inject: "
                     "error: step \"send-code\" has no failure \"code-not-arrived\": its failures are \"old-phone-number\"\n");
    g_assert_cmpstr (run.err, ==, "scenario-corpus/broken/semantic-missing-reference-inject-other-step.json: "
                     "invalid: 1 error, 0 warnings\n");
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "", data_home, "--validate", "scenario-corpus/broken/syntax-duplicate-key.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "scenario-corpus/broken/syntax-duplicate-key.json:16:5: error: "));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    /* A flow and a scenario in one run; the flow folder is empty, so an unknown flow is named. */
    gp_test_run_guidepost (&run, "", data_home, "--validate", "corpus/valid/worked-example.json",
                   "scenario-corpus/broken/semantic-missing-reference-flow-id.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "#/flow/id: error: flow \"reset-online-banking\" is not available"));
    g_assert_nonnull (strstr (run.err, "corpus/valid/worked-example.json: valid (order-replacement-card"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "", data_home, "--validate", "scenario-corpus/no-such-file.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* A scenario for a flow that is only in the user's flow folder. */
  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *flows_dir = g_build_filename (data_home, "guidepost", "flows", NULL);
    g_autofree char *flow_copy = g_build_filename (flows_dir, "order-replacement-card.en-GB.json", NULL);
    g_autofree char *scenario_path = g_build_filename (data_home, "card.json", NULL);
    g_autoptr(GBytes) flow = read_source ("tests", "corpus", "valid", "worked-example.json", NULL);
    const char *scenario =
      "{\"format\": \"guidepost-scenario/1\", \"id\": \"card\", \"version\": \"0.1.0\", \"locale\": \"en-GB\",\n"
      " \"title\": \"Lost card\", \"summary\": \"A lost card.\",\n"
      " \"flow\": {\"id\": \"order-replacement-card\", \"version\": \"1.0.0\"},\n"
      " \"persona\": {\"familiarity\": \"new\", \"mood\": \"anxious\", \"goal\": \"I've lost my card.\", \"has_at_hand\": []},\n"
      " \"script\": [],\n"
      " \"expected_practice\": [{\"id\": \"try\", \"kind\": \"offer-try-again\", \"points\": 1, \"criterion\": \"1.4\"}]}\n";

    g_assert_cmpint (g_mkdir_with_parents (flows_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (flow_copy, g_bytes_get_data (flow, NULL), g_bytes_get_size (flow), NULL));
    g_assert_true (g_file_set_contents (scenario_path, scenario, -1, NULL));
    gp_test_run_guidepost (&run, "", data_home, "--validate", scenario_path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");

    g_remove (scenario_path);
    g_remove (flow_copy);
    g_rmdir (flows_dir);
  }
  {
    g_autofree char *guidepost_dir = g_build_filename (data_home, "guidepost", NULL);

    g_rmdir (guidepost_dir);
    g_rmdir (data_home);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidepost/scenario/bundled", test_bundled);
  g_test_add_func ("/guidepost/scenario/model", test_model);
  g_test_add_func ("/guidepost/scenario/extensions-and-defaults", test_extensions_and_defaults);
  g_test_add_func ("/guidepost/scenario/all-problems", test_all_problems);
  g_test_add_func ("/guidepost/scenario/against-flow", test_against_flow);
  g_test_add_func ("/guidepost/scenario/cli", test_cli);

  cases = gp_test_add_corpus ("scenario-corpus", "/guidepost/scenario/corpus", test_broken);
  g_assert_cmpuint (cases->len, >=, 20);

  return g_test_run ();
}
