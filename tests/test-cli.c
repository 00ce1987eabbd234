/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "gp-test-utils.h"

/* The guidepost program's display-free commands, run as a user would, with no display. */

static void
test_valid_file (void)
{
  g_auto(GpTestRun) run = { 0 };

  gp_test_run_guidepost (&run, "corpus", NULL, "--validate", "valid/worked-example.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "valid/worked-example.json: valid"));
}

static void
test_pointer_error (void)
{
  g_auto(GpTestRun) run = { 0 };

  gp_test_run_guidepost (&run, "corpus", NULL, "--validate", "broken/semantic-missing-reference-next.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "broken/semantic-missing-reference-next.json#/steps/"));
  g_assert_nonnull (strstr (run.out, ": error: there is no step with id"));
  g_assert_nonnull (strstr (run.err, "invalid: 1 error"));
}

static void
test_syntax_error (void)
{
  g_auto(GpTestRun) run = { 0 };
  g_autofree char *manifest_path = g_test_build_filename (G_TEST_DIST, "corpus", "manifest.tsv", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *expected = NULL;
  const char *line;

  /* The position the manifest gives for the trailing-comma case, printed as FILE:LINE:COL. */
  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
  line = strstr (manifest, "syntax-trailing-comma");
  g_assert_nonnull (line);
  {
    g_auto(GStrv) fields = NULL;
    g_autofree char *first_line = g_strndup (line, strcspn (line, "\n"));
    g_autofree char *file = NULL;

    fields = g_strsplit (first_line, "\t", -1);
    file = g_strconcat ("broken/", fields[0], NULL);
    gp_test_run_guidepost (&run, "corpus", NULL, "--validate", file, NULL);
    expected = g_strdup_printf ("broken/%s:%s: error: ", fields[0], fields[2]);
  }
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, expected));
}

static void
test_warnings_only (void)
{
  g_auto(GpTestRun) run = { 0 };

  gp_test_run_guidepost (&run, "corpus", NULL, "--validate", "broken/warning-no-offer.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "broken/warning-no-offer.json#/steps: warning: no step offers an additional service\n");
}

static void
test_every_problem_listed (void)
{
  g_auto(GpTestRun) run = { 0 };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) base = gp_test_read_fixture ("base.json");
  g_autoptr(JsonNode) root = gp_test_parse (base);
  g_autoptr(GBytes) edited = NULL;
  g_auto(GStrv) lines = NULL;

  gp_test_edit (root, "/titel", "\"x\"");
  gp_test_edit (root, "/steps/0/why", "\"\"");
  gp_test_edit (root, "/steps/1/hints", NULL);
  edited = gp_test_serialize (root);
  path = g_build_filename (g_get_tmp_dir (), "three-problems.json", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (edited, NULL), g_bytes_get_size (edited), NULL));

  gp_test_run_guidepost (&run, "corpus", NULL, "--validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_suffix (lines[0], "#/titel: error: unknown key \"titel\"; did you mean \"title\"?"));
  g_assert_nonnull (strstr (lines[1], "#/steps/0/why: error: "));
  g_assert_nonnull (strstr (lines[2], "#/steps/1: warning: "));
}

static void
test_usage_and_unreadable (void)
{
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "corpus", NULL, "--validate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--validate needs at least one FILE"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "corpus", NULL, "--validate", "--no-such-option", "valid/minimal.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(GpTestRun) run = { 0 };

    /* Unreadable beats invalid beats valid. */
    gp_test_run_guidepost (&run, "corpus", NULL, "--validate", "valid/minimal.json", "broken/semantic-unreachable.json",
                   "no-such-file.json", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.out, "no-such-file.json#: error: "));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, "corpus", NULL, "--validate", "valid/minimal.json", "broken/semantic-unreachable.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
}

static void
test_list (void)
{
  g_auto(GpTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  gp_test_run_guidepost (&run, "corpus", NULL, "--list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 4);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpstr (fields[2], ==, "en-GB");
    }
  g_assert_nonnull (strstr (run.out, "regain-online-banking\t1.0.0\ten-GB\t"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidepost/cli/validate/valid-file", test_valid_file);
  g_test_add_func ("/guidepost/cli/validate/pointer-error", test_pointer_error);
  g_test_add_func ("/guidepost/cli/validate/syntax-error", test_syntax_error);
  g_test_add_func ("/guidepost/cli/validate/warnings-only", test_warnings_only);
  g_test_add_func ("/guidepost/cli/validate/every-problem-listed", test_every_problem_listed);
  g_test_add_func ("/guidepost/cli/validate/usage-and-unreadable", test_usage_and_unreadable);
  g_test_add_func ("/guidepost/cli/list", test_list);

  return g_test_run ();
}
