/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-test-utils.h"

/* tests/corpus/manifest.tsv: one broken flow file a line, with the diagnostic the loader
 * must give (code, and a JSON pointer "#/..." or "LINE:COL") and its layer. */

static void
test_broken (gconstpointer data)
{
  const GpTestCorpusCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "broken", c->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = gp_flow_load_file_named (file, c->file, NULL, diagnostics, &error);
  GpDiagnostic *found = gp_test_find_corpus_diagnostic (diagnostics, c);

  if (found == NULL)
    {
      g_autofree char *all = gp_test_describe_diagnostics (diagnostics);

      g_test_message ("%s: expected %s at %s; got:\n%s", c->file, c->code, c->location, all);
      g_test_fail ();
      return;
    }
  g_assert_cmpstr (gp_diagnostic_get_file (found), ==, c->file);

  if (g_str_equal (c->layer, "warning"))
    {
      g_assert_no_error (error);
      g_assert_nonnull (flow);
      g_assert_cmpint (gp_diagnostic_get_severity (found), ==, GP_SEVERITY_WARNING);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_null (flow);
      g_assert_cmpint (gp_diagnostic_get_severity (found), ==, GP_SEVERITY_ERROR);
    }
}

static void
test_valid (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "corpus", "valid", NULL);
  g_auto(GStrv) names = gp_test_list_json_files (dir);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFlow) flow = gp_flow_load_file (file, NULL, diagnostics, &error);

      g_assert_no_error (error);
      g_assert_nonnull (flow);
    }
  g_assert_cmpuint (g_strv_length (names), >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  cases = gp_test_add_corpus ("corpus", "/guidepost/corpus", test_broken);
  g_assert_cmpuint (cases->len, >=, 40);
  g_test_add_func ("/guidepost/corpus/valid", test_valid);

  status = g_test_run ();
  return status;
}
