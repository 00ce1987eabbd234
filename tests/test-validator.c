/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-test-utils.h"

/* Every rule of flow-format.md, each with a failing case and a passing near miss, made by
 * editing tests/flows/base.json one key at a time. */

typedef struct
{
  const char *pointer;
  const char *value;      /* JSON text, or NULL to remove */
} Edit;

typedef struct
{
  const char       *name;
  Edit              failing[3];
  GpDiagnosticCode  code;
  const char       *where;
  Edit              passing[3];  /* a near miss that must load without that diagnostic */
} RuleCase;

static const RuleCase rule_cases[] = {
  { "unknown-key-root", { { "/titel", "\"x\"" } }, GP_DIAGNOSTIC_UNKNOWN_KEY, "/titel",
    { { "/x-titel", "\"x\"" } } },
  { "unknown-key-step", { { "/steps/1/hint", "[\"a\"]" } }, GP_DIAGNOSTIC_UNKNOWN_KEY, "/steps/1/hint",
    { { "/steps/1/x-hint", "[\"a\"]" } } },
  { "unknown-key-element", { { "/steps/1/screen/elements/0/colour", "\"red\"" } },
    GP_DIAGNOSTIC_UNKNOWN_KEY, "/steps/1/screen/elements/0/colour",
    { { "/steps/1/screen/elements/0/x-colour", "\"red\"" } } },
  { "unknown-key-failure", { { "/steps/1/failures/0/retries", "2" } },
    GP_DIAGNOSTIC_UNKNOWN_KEY, "/steps/1/failures/0/retries",
    { { "/steps/1/failures/0/retry_limit", "2" } } },
  { "wrong-type-string", { { "/title", "42" } }, GP_DIAGNOSTIC_WRONG_TYPE, "/title",
    { { "/title", "\"42\"" } } },
  { "wrong-type-array-item", { { "/steps/1/hints/0", "true" } }, GP_DIAGNOSTIC_WRONG_TYPE, "/steps/1/hints/0",
    { { "/steps/1/hints/0", "\"true\"" } } },
  { "wrong-type-number", { { "/estimated_minutes", "\"4\"" } }, GP_DIAGNOSTIC_WRONG_TYPE, "/estimated_minutes",
    { { "/estimated_minutes", "4.5" } } },
  { "wrong-type-boolean", { { "/steps/1/screen/elements/1/secret", "\"yes\"" } },
    GP_DIAGNOSTIC_WRONG_TYPE, "/steps/1/screen/elements/1/secret",
    { { "/steps/1/screen/elements/1/secret", "false" } } },
  { "wrong-type-step", { { "/steps/0", "\"welcome\"" } }, GP_DIAGNOSTIC_WRONG_TYPE, "/steps/0", { { NULL } } },
  { "wrong-type-retry-limit", { { "/steps/1/failures/0/retry_limit", "2.5" } },
    GP_DIAGNOSTIC_WRONG_TYPE, "/steps/1/failures/0/retry_limit",
    { { "/steps/1/failures/0/retry_limit", "2.0" } } },
  { "missing-key-root", { { "/summary", NULL } }, GP_DIAGNOSTIC_MISSING_KEY, "", { { NULL } } },
  { "missing-key-step", { { "/steps/1/title", NULL } }, GP_DIAGNOSTIC_MISSING_KEY, "/steps/1", { { NULL } } },
  { "missing-key-screen-next", { { "/steps/1/next", NULL } }, GP_DIAGNOSTIC_MISSING_KEY, "/steps/1", { { NULL } } },
  { "missing-key-on-fail", { { "/steps/3/on_fail", NULL } }, GP_DIAGNOSTIC_MISSING_KEY, "/steps/3", { { NULL } } },
  { "missing-key-outcome", { { "/steps/4/outcome", NULL } }, GP_DIAGNOSTIC_MISSING_KEY, "/steps/4", { { NULL } } },
  { "missing-key-why", { { "/steps/0/why", NULL } }, GP_DIAGNOSTIC_MISSING_KEY, "/steps/0",
    { { "/steps/4/why", NULL } } },
  { "bad-value-format", { { "/format", "\"guidepost-flow/2\"" } }, GP_DIAGNOSTIC_BAD_VALUE, "/format", { { NULL } } },
  { "bad-value-id", { { "/id", "\"Test_Sign_In\"" } }, GP_DIAGNOSTIC_BAD_VALUE, "/id",
    { { "/id", "\"test-sign-in-2\"" } } },
  { "bad-value-version", { { "/version", "\"1.0\"" } }, GP_DIAGNOSTIC_BAD_VALUE, "/version",
    { { "/version", "\"10.20.30\"" } } },
  { "bad-value-locale", { { "/locale", "\"english\"" } }, GP_DIAGNOSTIC_BAD_VALUE, "/locale",
    { { "/locale", "\"cy\"" } } },
  { "bad-value-kind", { { "/steps/0/kind", "\"page\"" } }, GP_DIAGNOSTIC_BAD_VALUE, "/steps/0/kind", { { NULL } } },
  { "bad-value-cause", { { "/steps/1/failures/1/cause", "\"network\"" } },
    GP_DIAGNOSTIC_BAD_VALUE, "/steps/1/failures/1/cause", { { NULL } } },
  { "bad-value-priority", { { "/steps/1/failures/0/escalate/priority", "\"critical\"" } },
    GP_DIAGNOSTIC_BAD_VALUE, "/steps/1/failures/0/escalate/priority",
    { { "/steps/1/failures/0/escalate/priority", "\"urgent\"" } } },
  { "bad-value-negative-time", { { "/steps/1/estimated_seconds", "-5" } },
    GP_DIAGNOSTIC_BAD_VALUE, "/steps/1/estimated_seconds", { { "/steps/1/estimated_seconds", "0.5" } } },
  { "bad-value-retry-limit", { { "/steps/1/failures/0/retry_limit", "0" } },
    GP_DIAGNOSTIC_BAD_VALUE, "/steps/1/failures/0/retry_limit", { { "/steps/1/failures/0/retry_limit", "1" } } },
  { "bad-value-no-goals", { { "/goals", "[]" } }, GP_DIAGNOSTIC_BAD_VALUE, "/goals", { { "/goals", "[\"x\"]" } } },
  { "bad-value-url", { { "/service/url", "\"test.example\"" } }, GP_DIAGNOSTIC_BAD_VALUE, "/service/url",
    { { "/service/url", NULL } } },
  { "empty-text-why", { { "/steps/1/why", "\"\"" } }, GP_DIAGNOSTIC_EMPTY_TEXT, "/steps/1/why",
    { { "/steps/1/why", "\"Because.\"" } } },
  { "empty-text-instruction", { { "/steps/1/instruction", "\" \\n\\t \"" } }, GP_DIAGNOSTIC_EMPTY_TEXT,
    "/steps/1/instruction", { { NULL } } },
  { "key-not-allowed-choices", { { "/steps/1/choices", "[]" } }, GP_DIAGNOSTIC_KEY_NOT_ALLOWED, "/steps/1/choices",
    { { NULL } } },
  { "key-not-allowed-outcome", { { "/steps/0/outcome", "\"completed\"" } }, GP_DIAGNOSTIC_KEY_NOT_ALLOWED,
    "/steps/0/outcome", { { NULL } } },
  { "key-not-allowed-next-on-question", { { "/steps/2/next", "\"done\"" } }, GP_DIAGNOSTIC_KEY_NOT_ALLOWED,
    "/steps/2/next", { { NULL } } },
  { "end-with-next", { { "/steps/4/next", "\"welcome\"" } }, GP_DIAGNOSTIC_END_WITH_NEXT, "/steps/4/next",
    { { NULL } } },
  { "few-choices", { { "/steps/2/choices/1", NULL } }, GP_DIAGNOSTIC_FEW_CHOICES, "/steps/2/choices",
    { { "/steps/2/choices/-", "{\"label\": \"Not sure\", \"next\": \"done\"}" } } },
  { "duplicate-step-id", { { "/steps/4/id", "\"welcome\"" } }, GP_DIAGNOSTIC_DUPLICATE_ID, "/steps/4/id",
    { { NULL } } },
  { "duplicate-element-id", { { "/steps/1/screen/elements/2/id", "\"number\"" } }, GP_DIAGNOSTIC_DUPLICATE_ID,
    "/steps/1/screen/elements/2/id", { { NULL } } },
  { "duplicate-failure-id", { { "/steps/1/failures/1/id", "\"wrong-password\"" } }, GP_DIAGNOSTIC_DUPLICATE_ID,
    "/steps/1/failures/1/id", { { NULL } } },
  { "duplicate-offer-id", { { "/steps/0/offers", "[{\"id\": \"paperless\", \"title\": \"T\", \"pitch\": \"P\"}]" } },
    GP_DIAGNOSTIC_DUPLICATE_ID, "/steps/1/offers/0/id",
    { { "/steps/0/offers", "[{\"id\": \"reminders\", \"title\": \"T\", \"pitch\": \"P\"}]" } } },
  { "missing-reference-start", { { "/start", "\"begin\"" } }, GP_DIAGNOSTIC_MISSING_REFERENCE, "/start",
    { { "/start", "\"welcome\"" } } },
  { "missing-reference-next", { { "/steps/0/next", "\"sign-on\"" } }, GP_DIAGNOSTIC_MISSING_REFERENCE,
    "/steps/0/next", { { NULL } } },
  { "missing-reference-choice", { { "/steps/2/choices/0/next", "\"check\"" } }, GP_DIAGNOSTIC_MISSING_REFERENCE,
    "/steps/2/choices/0/next", { { NULL } } },
  { "missing-reference-on-fail", { { "/steps/3/on_fail", "\"nowhere\"" } }, GP_DIAGNOSTIC_MISSING_REFERENCE,
    "/steps/3/on_fail", { { NULL } } },
  { "missing-reference-recovery", { { "/steps/1/failures/1/recovery", "\"later\"" } },
    GP_DIAGNOSTIC_MISSING_REFERENCE, "/steps/1/failures/1/recovery", { { NULL } } },
  { "missing-reference-target", { { "/steps/1/target", "\"submit\"" } }, GP_DIAGNOSTIC_MISSING_REFERENCE,
    "/steps/1/target", { { "/steps/1/target", "\"continue\"" } } },
  { "unreachable", { { "/steps/-", "{\"id\": \"orphan\", \"kind\": \"end\", \"title\": \"Orphan\", \"outcome\": \"abandoned\"}" } },
    GP_DIAGNOSTIC_UNREACHABLE, "/steps/6",
    { { "/steps/-", "{\"id\": \"orphan\", \"kind\": \"end\", \"title\": \"Orphan\", \"outcome\": \"abandoned\"}" },
      { "/steps/2/choices/1/next", "\"orphan\"" } } },
  { "no-end", { { "/steps/2/choices/1/next", "\"route\"" }, { "/steps/3/next", "\"route\"" },
                { "/steps/3/on_fail", "\"route\"" } },
    GP_DIAGNOSTIC_NO_END, "/steps/2",
    { { "/steps/2/choices/1/next", "\"route\"" } } },
  { "recovery-loop-same-step", { { "/steps/1/failures/0/retry_limit", NULL } }, GP_DIAGNOSTIC_RECOVERY_LOOP,
    "/steps/1/failures/0", { { "/steps/1/failures/0/retry_limit", "5" } } },
  { "recovery-loop-through-others", { { "/steps/1/failures/1/recovery", "\"welcome\"" } },
    GP_DIAGNOSTIC_RECOVERY_LOOP, "/steps/1/failures/1",
    { { "/steps/1/failures/1/recovery", "\"welcome\"" }, { "/steps/1/failures/1/retry_limit", "2" } } },
  /* warnings: the flow stays valid */
  { "no-hints", { { "/steps/1/hints", NULL } }, GP_DIAGNOSTIC_NO_HINTS, "/steps/1", { { NULL } } },
  { "no-target", { { "/steps/1/target", NULL } }, GP_DIAGNOSTIC_NO_TARGET, "/steps/1", { { NULL } } },
  { "no-system-failure", { { "/steps/1/failures/1/cause", "\"customer\"" } }, GP_DIAGNOSTIC_NO_SYSTEM_FAILURE,
    "/steps", { { NULL } } },
  { "no-offer", { { "/steps/1/offers", NULL } }, GP_DIAGNOSTIC_NO_OFFER, "/steps",
    { { "/steps/1/offers", NULL }, { "/steps/0/offers", "[{\"id\": \"a\", \"title\": \"T\", \"pitch\": \"P\"}]" } } },
};

static GpFlow *
load_edited (const Edit *edits,
             GPtrArray  *diagnostics,
             GError    **error)
{
  g_autoptr(GBytes) base = gp_test_read_fixture ("base.json");
  g_autoptr(JsonNode) root = gp_test_parse (base);
  g_autoptr(GBytes) edited = NULL;

  for (guint i = 0; i < 3 && edits[i].pointer != NULL; i++)
    gp_test_edit (root, edits[i].pointer, edits[i].value);
  edited = gp_test_serialize (root);
  return gp_flow_load_bytes (edited, "edited.json", diagnostics, error);
}

static gboolean
is_warning (GpDiagnosticCode code)
{
  return code >= GP_DIAGNOSTIC_NO_HINTS;
}

static void
test_rule (gconstpointer data)
{
  const RuleCase *rule = data;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = NULL;
  GpDiagnostic *found;

  flow = load_edited (rule->failing, diagnostics, &error);
  found = gp_test_find_diagnostic (diagnostics, rule->code, rule->where);
  if (found == NULL)
    {
      g_autofree char *all = gp_test_describe_diagnostics (diagnostics);

      g_test_message ("expected %s at “%s”; got:\n%s",
                      gp_diagnostic_code_to_string (rule->code), rule->where, all);
      g_test_fail ();
      return;
    }
  g_assert_cmpstr (gp_diagnostic_get_file (found), ==, "edited.json");
  g_assert_cmpstr (gp_diagnostic_get_message (found), !=, "");

  if (is_warning (rule->code))
    {
      g_assert_no_error (error);
      g_assert_nonnull (flow);
      g_assert_cmpint (gp_diagnostic_get_severity (found), ==, GP_SEVERITY_WARNING);
    }
  else
    {
      g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID);
      g_assert_null (flow);
      g_assert_cmpint (gp_diagnostic_get_severity (found), ==, GP_SEVERITY_ERROR);
    }

  /* The near miss: no diagnostic of that code anywhere, and (for errors) a valid flow. */
  if (rule->passing[0].pointer != NULL || !is_warning (rule->code))
    {
      g_autoptr(GPtrArray) passing = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) passing_error = NULL;
      g_autoptr(GpFlow) passing_flow = load_edited (rule->passing, passing, &passing_error);

      for (guint i = 0; i < passing->len; i++)
        g_assert_cmpint (gp_diagnostic_get_code (g_ptr_array_index (passing, i)), !=, rule->code);
      g_assert_no_error (passing_error);
      g_assert_nonnull (passing_flow);
    }
}

static void
test_base_is_clean (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) base = gp_test_read_fixture ("base.json");
  g_autoptr(GpFlow) flow = gp_flow_load_bytes (base, "base.json", diagnostics, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flow);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

/* One run reports every problem, not only the first. */
static void
test_reports_all_problems (void)
{
  static const Edit edits[] = {
    { "/titel", "\"x\"" }, { "/steps/0/why", "\"\"" }, { "/steps/2/choices/0/next", "\"nowhere\"" },
  };
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = load_edited (edits, diagnostics, &error);

  g_assert_null (flow);
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2 more problems"));
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_UNKNOWN_KEY, "/titel"));
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_EMPTY_TEXT, "/steps/0/why"));
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_MISSING_REFERENCE, "/steps/2/choices/0/next"));
}

/* Graph checks must not need time quadratic in the steps: a 20,000-step chain where
 * every step's failure recovers to the start would take minutes if they did. */
static void
test_graph_checks_scale (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GpFlow) flow = NULL;
  const guint n = 20000;

  g_string_append (json, "{\"format\":\"guidepost-flow/1\",\"id\":\"chain\",\"version\":\"1.0.0\","
                         "\"locale\":\"en\",\"title\":\"Chain\",\"service\":{\"name\":\"S\"},"
                         "\"summary\":\"S\",\"goals\":[\"g\"],\"start\":\"s0\",\"steps\":[");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "{\"id\":\"s%u\",\"kind\":\"info\",\"title\":\"T\",\"instruction\":\"I\","
                            "\"why\":\"W\",\"next\":\"s%u\",\"failures\":[{\"id\":\"f\",\"cause\":\"system\","
                            "\"symptom\":\"S\",\"explanation\":\"E\",\"recovery\":\"s0\"}]},", i, i + 1);
  g_string_append_printf (json, "{\"id\":\"s%u\",\"kind\":\"end\",\"title\":\"End\",\"outcome\":\"completed\"}]}", n);

  bytes = g_bytes_new (json->str, json->len);
  flow = gp_flow_load_bytes (bytes, "chain.json", diagnostics, NULL);
  g_assert_null (flow);
  /* every step's failure leads back to s0, from which the step is reached again */
  g_assert_cmpuint (gp_diagnostics_count (diagnostics, GP_SEVERITY_ERROR), ==, n);
  g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_RECOVERY_LOOP, "/steps/19999/failures/0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidepost/validator/base-is-clean", test_base_is_clean);
  g_test_add_func ("/guidepost/validator/reports-all-problems", test_reports_all_problems);
  g_test_add_func ("/guidepost/validator/graph-checks-scale", test_graph_checks_scale);
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/guidepost/validator/rule/%s", rule_cases[i].name);

      g_test_add_data_func (path, &rule_cases[i], test_rule);
    }

  return g_test_run ();
}
