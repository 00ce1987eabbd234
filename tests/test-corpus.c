/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-test-utils.h"

/* tests/corpus/manifest.tsv: one broken flow file a line, with the diagnostic the loader
 * must give (code, and a JSON pointer "#/..." or "LINE:COL") and its layer. */

typedef struct
{
  char *file;
  char *code;
  char *location;
  char *layer;
} CorpusCase;

static void
corpus_case_free (gpointer data)
{
  CorpusCase *c = data;

  g_free (c->file);
  g_free (c->code);
  g_free (c->location);
  g_free (c->layer);
  g_free (c);
}

static void
test_broken (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpus", "broken", c->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = gp_flow_load_file_named (file, c->file, NULL, diagnostics, &error);
  const char *where = c->location[0] == '#' ? c->location + 1 : c->location;
  GpDiagnostic *found = NULL;

  for (guint i = 0; i < diagnostics->len && found == NULL; i++)
    {
      GpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (gp_diagnostic_code_to_string (gp_diagnostic_get_code (d)), c->code) == 0)
        found = gp_test_find_diagnostic (diagnostics, gp_diagnostic_get_code (d), where);
    }

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
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFlow) flow = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      flow = gp_flow_load_file (file, NULL, diagnostics, &error);
      g_assert_no_error (error);
      g_assert_nonnull (flow);
      n++;
    }
  g_assert_cmpuint (n, >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (corpus_case_free);
  g_autofree char *manifest_path = NULL;
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  manifest_path = g_test_build_filename (G_TEST_DIST, "corpus", "manifest.tsv", NULL);
  if (!g_file_get_contents (manifest_path, &manifest, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      CorpusCase *c;
      g_autofree char *path = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 4)
        g_error ("manifest.tsv line %u: expected 4 tab-separated fields", i + 1);

      c = g_new0 (CorpusCase, 1);
      c->file = g_strdup (fields[0]);
      c->code = g_strdup (fields[1]);
      c->location = g_strdup (fields[2]);
      c->layer = g_strdup (fields[3]);
      g_ptr_array_add (cases, c);

      path = g_strdup_printf ("/guidepost/corpus/%s/%s", c->layer, c->file);
      g_test_add_data_func (path, c, test_broken);
    }
  g_assert_cmpuint (cases->len, >=, 40);
  g_test_add_func ("/guidepost/corpus/valid", test_valid);

  status = g_test_run ();
  return status;
}
