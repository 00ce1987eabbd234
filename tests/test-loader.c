/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "gp-test-utils.h"

static void
test_model (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = gp_flow_load_bytes (bytes, "base.json", diagnostics, &error);
  GpStep *sign_in, *route, *check, *done;
  GpFailure *failure;
  GpOffer *offer;

  g_assert_no_error (error);
  g_assert_cmpstr (gp_flow_get_id (flow), ==, "test-sign-in");
  g_assert_cmpstr (gp_flow_get_version (flow), ==, "1.0.0");
  g_assert_cmpstr (gp_flow_get_locale (flow), ==, "en-GB");
  g_assert_cmpstr (gp_flow_get_service_name (flow), ==, "Test Service");
  g_assert_cmpstr (gp_flow_get_service_url (flow), ==, "https://test.example/");
  g_assert_cmpstr (gp_flow_get_goals (flow)[1], ==, "log in");
  g_assert_cmpstr (gp_flow_get_prerequisites (flow)[0], ==, "Your customer number");
  g_assert_cmpfloat (gp_flow_get_estimated_minutes (flow), ==, 4);
  g_assert_cmpuint (gp_flow_get_n_steps (flow), ==, 6);
  g_assert_cmpstr (gp_step_get_id (gp_flow_get_start_step (flow)), ==, "welcome");
  g_assert_cmpstr (gp_flow_get_origin (flow), ==, "base.json");

  sign_in = gp_flow_lookup_step (flow, "sign-in");
  g_assert_cmpuint (gp_step_get_index (sign_in), ==, 1);
  g_assert_cmpint (gp_step_get_kind (sign_in), ==, GP_STEP_KIND_SCREEN);
  g_assert_true (gp_step_has_screen (sign_in));
  g_assert_cmpstr (gp_step_get_screen_heading (sign_in), ==, "Sign in to Test Service");
  g_assert_cmpuint (gp_step_get_n_elements (sign_in), ==, 3);
  g_assert_true (gp_screen_element_get_secret (gp_step_lookup_element (sign_in, "password")));
  g_assert_false (gp_screen_element_get_secret (gp_step_lookup_element (sign_in, "number")));
  g_assert_cmpint (gp_screen_element_get_element_type (gp_step_get_element (sign_in, 2)), ==, GP_ELEMENT_TYPE_BUTTON);
  g_assert_cmpstr (gp_step_get_target_id (sign_in), ==, "number");
  g_assert_cmpstr (gp_step_get_talk_new (sign_in), ==, "Let's sign in together.");
  g_assert_cmpuint (gp_step_get_n_hints (sign_in), ==, 2);
  g_assert_cmpfloat (gp_step_get_estimated_seconds (sign_in), ==, 60);
  g_assert_cmpstr (gp_step_get_next_id (sign_in), ==, "route");

  failure = gp_step_lookup_failure (sign_in, "wrong-password");
  g_assert_cmpint (gp_failure_get_cause (failure), ==, GP_FAILURE_CAUSE_CUSTOMER);
  g_assert_cmpuint (gp_failure_get_retry_limit (failure), ==, 3);
  g_assert_true (gp_failure_has_escalation (failure));
  g_assert_cmpint (gp_failure_get_escalate_priority (failure), ==, GP_PRIORITY_HIGH);
  g_assert_cmpstr (gp_failure_get_escalate_to (failure), ==, "Account security team");
  failure = gp_step_get_failure (sign_in, 1);
  g_assert_cmpint (gp_failure_get_cause (failure), ==, GP_FAILURE_CAUSE_SYSTEM);
  g_assert_cmpuint (gp_failure_get_retry_limit (failure), ==, 0);
  g_assert_false (gp_failure_has_escalation (failure));

  offer = gp_step_lookup_offer (sign_in, "paperless");
  g_assert_cmpint (gp_offer_get_when (offer), ==, GP_OFFER_WHEN_ON_COMPLETE);
  g_assert_false (gp_offer_get_after_failure (offer));

  route = gp_flow_lookup_step (flow, "route");
  g_assert_cmpuint (gp_step_get_n_choices (route), ==, 2);
  g_assert_cmpstr (gp_choice_get_next_id (gp_step_get_choice (route, 0)), ==, "check-id");
  check = gp_flow_lookup_step (flow, "check-id");
  g_assert_cmpstr (gp_step_get_checks (check)[1], ==, "Postcode");
  g_assert_cmpstr (gp_step_get_on_fail_id (check), ==, "done-later");
  done = gp_flow_lookup_step (flow, "done");
  g_assert_cmpint (gp_step_get_outcome (done), ==, GP_OUTCOME_COMPLETED);
  g_assert_null (gp_step_get_instruction (done));

  g_assert_finalize_object (g_steal_pointer (&flow));
}

static void
round_trip (GBytes     *bytes,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) first = gp_flow_load_bytes (bytes, name, NULL, &error);
  g_autoptr(GpFlow) second = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) first_json = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  gsize length;

  g_assert_no_error (error);
  first_text = gp_flow_to_data (first, &length);
  written = g_bytes_new (first_text, length);
  second = gp_flow_load_bytes (written, name, NULL, &error);
  g_assert_no_error (error);
  second_text = gp_flow_to_data (second, NULL);
  g_assert_cmpstr (first_text, ==, second_text);

  /* Nothing the author wrote is lost: the written document equals the original. */
  original = gp_test_parse (bytes);
  first_json = gp_flow_to_json (first);
  g_assert_true (json_node_equal (original, first_json));
}

static void
test_round_trip_base (void)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");

  round_trip (bytes, "base.json");
}

static void
test_round_trip_extensions (void)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(JsonNode) root = gp_test_parse (bytes);
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GpFlow) flow = NULL;
  JsonObject *extensions;

  gp_test_edit (root, "/x-owner", "{\"team\": \"Digital\", \"reviewed\": [2026, 11]}");
  gp_test_edit (root, "/service/x-region", "\"north\"");
  gp_test_edit (root, "/steps/1/x-note", "\"check wording\"");
  gp_test_edit (root, "/steps/1/screen/x-layout", "\"two-column\"");
  gp_test_edit (root, "/steps/1/screen/elements/0/x-width", "12");
  gp_test_edit (root, "/steps/1/talk/x-tone", "\"warm\"");
  gp_test_edit (root, "/steps/1/failures/0/x-seen", "true");
  gp_test_edit (root, "/steps/1/failures/0/escalate/x-queue", "\"Q7\"");
  gp_test_edit (root, "/steps/1/offers/0/x-campaign", "\"winter\"");
  gp_test_edit (root, "/steps/2/choices/0/x-weight", "0.75");
  edited = gp_test_serialize (root);

  round_trip (edited, "extensions.json");

  flow = gp_flow_load_bytes (edited, "extensions.json", NULL, NULL);
  extensions = gp_flow_get_extensions (flow);
  g_assert_nonnull (extensions);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (extensions, "x-owner"), "team"),
                   ==, "Digital");
  g_assert_nonnull (gp_step_get_extensions (gp_flow_get_step (flow, 1)));
  g_assert_null (gp_step_get_extensions (gp_flow_get_step (flow, 0)));
}

static void
test_round_trip_bundled (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "flows", NULL);
  g_auto(GStrv) names = gp_test_list_json_files (dir);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFlow) flow = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char *contents;
      gsize length;

      /* Bundled flows must be spotless: no errors, no warnings. */
      file = g_file_new_for_path (path);
      flow = gp_flow_load_file (file, NULL, diagnostics, &error);
      g_assert_no_error (error);
      if (diagnostics->len > 0)
        {
          g_autofree char *all = gp_test_describe_diagnostics (diagnostics);

          g_error ("%s has diagnostics:\n%s", name, all);
        }

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      bytes = g_bytes_new_take (contents, length);
      round_trip (bytes, name);
    }
  g_assert_cmpuint (g_strv_length (names), >=, 4);
}

static void
assert_file_error (GBytes          *bytes,
                   GpFlowError      code,
                   GpDiagnosticCode diagnostic_code)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = gp_flow_load_bytes (bytes, "hostile.json", diagnostics, &error);

  g_assert_null (flow);
  g_assert_error (error, GP_FLOW_ERROR, (int) code);
  g_assert_true (g_str_has_prefix (error->message, "hostile.json"));
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpint (gp_diagnostic_get_code (g_ptr_array_index (diagnostics, 0)), ==, diagnostic_code);
}

static void
test_hostile_inputs (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) blank = g_bytes_new_static ("  \n\n  ", 6);
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("{\"title\": \"Caf\xe9\"}", 17);
  g_autoptr(GBytes) binary = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr(GBytes) array = g_bytes_new_static ("[]", 2);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) deep = NULL;
  g_autofree char *brackets = g_malloc (200000);
  char *big;

  assert_file_error (empty, GP_FLOW_ERROR_EMPTY, GP_DIAGNOSTIC_EMPTY);
  assert_file_error (blank, GP_FLOW_ERROR_EMPTY, GP_DIAGNOSTIC_EMPTY);
  assert_file_error (latin1, GP_FLOW_ERROR_NOT_UTF8, GP_DIAGNOSTIC_NOT_UTF8);
  assert_file_error (binary, GP_FLOW_ERROR_NOT_UTF8, GP_DIAGNOSTIC_NOT_UTF8);

  memset (brackets, '[', 200000);
  deep = g_bytes_new_static (brackets, 200000);
  assert_file_error (deep, GP_FLOW_ERROR_SYNTAX, GP_DIAGNOSTIC_TOO_DEEP);

  /* Refused by size before any parsing. */
  big = g_malloc (GP_FLOW_MAX_BYTES + 1);
  memset (big, ' ', GP_FLOW_MAX_BYTES + 1);
  huge = g_bytes_new_take (big, GP_FLOW_MAX_BYTES + 1);
  assert_file_error (huge, GP_FLOW_ERROR_TOO_LARGE, GP_DIAGNOSTIC_TOO_LARGE);

  {
    g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) error = NULL;

    g_assert_null (gp_flow_load_bytes (array, "array.json", diagnostics, &error));
    g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID);
    g_assert_nonnull (gp_test_find_diagnostic (diagnostics, GP_DIAGNOSTIC_WRONG_TYPE, ""));
  }
}

/* Every prefix of a valid file, and thousands of random byte edits: each loads or fails
 * with a diagnostic, never crashes, never loops. */
static void
test_truncations_and_mutations (void)
{
  g_autoptr(GBytes) base = gp_test_read_fixture ("base.json");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  gsize length;
  const guint8 *data = g_bytes_get_data (base, &length);
  static const char alphabet[] = "{}[]\",:0123456789-+.eE \\/ntfuxX\n\x01\xc3\xa9\xff";

  gsize end = length;

  /* Every cut before the closing brace leaves the document incomplete. */
  while (end > 0 && data[end - 1] != '}')
    end--;
  for (gsize cut = 0; cut < end; cut++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_static (data, cut);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      g_assert_null (gp_flow_load_bytes (prefix, "cut.json", diagnostics, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (gp_diagnostics_count (diagnostics, GP_SEVERITY_ERROR), >=, 1);
    }

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, length);
      g_autoptr(GBytes) mutated = NULL;
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFlow) flow = NULL;
      guint n_edits = g_rand_int_range (rand, 1, 4);

      for (guint e = 0; e < n_edits; e++)
        copy[g_rand_int_range (rand, 0, length)] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      mutated = g_bytes_new (copy, length);
      flow = gp_flow_load_bytes (mutated, "mutated.json", diagnostics, &error);
      g_assert_true ((flow == NULL) == (error != NULL));
      if (flow == NULL)
        g_assert_cmpuint (gp_diagnostics_count (diagnostics, GP_SEVERITY_ERROR), >=, 1);
    }
}

static void
test_unreadable_files (void)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/guidepost/flow.json");
  g_autoptr(GFile) directory = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GFile) device = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;

  g_assert_null (gp_flow_load_file (missing, NULL, diagnostics, &error));
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/guidepost/flow.json"));
  g_clear_error (&error);

  g_assert_null (gp_flow_load_file (directory, NULL, diagnostics, &error));
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_UNREADABLE);
  g_clear_error (&error);

  /* A device never ends: refused without reading. */
  g_assert_null (gp_flow_load_file (device, NULL, diagnostics, &error));
  g_assert_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_UNREADABLE);
  g_assert_cmpuint (diagnostics->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidepost/loader/model", test_model);
  g_test_add_func ("/guidepost/loader/round-trip/base", test_round_trip_base);
  g_test_add_func ("/guidepost/loader/round-trip/extensions", test_round_trip_extensions);
  g_test_add_func ("/guidepost/loader/round-trip/bundled", test_round_trip_bundled);
  g_test_add_func ("/guidepost/loader/hostile-inputs", test_hostile_inputs);
  g_test_add_func ("/guidepost/loader/truncations-and-mutations", test_truncations_and_mutations);
  g_test_add_func ("/guidepost/loader/unreadable-files", test_unreadable_files);

  return g_test_run ();
}
