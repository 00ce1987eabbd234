/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>
#include <guidepost/guidepost.h>

/* Shared by the core tests: fixtures, JSON edits and diagnostic look-ups. */

static inline GBytes *
gp_test_read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "flows", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static inline JsonNode *
gp_test_parse (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root = gp_json_parse_strict (data, length, 64, NULL, NULL, &error);

  g_assert_no_error (error);
  return root;
}

static inline GBytes *
gp_test_serialize (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* Applies one edit at a JSON pointer: sets @value_json there, or removes the member or
 * element when @value_json is NULL.  "-" as the last segment appends to an array. */
static inline void
gp_test_edit (JsonNode   *root,
              const char *pointer,
              const char *value_json)
{
  g_auto(GStrv) segments = g_strsplit (pointer + 1, "/", -1);
  guint n = g_strv_length (segments);
  JsonNode *node = root;
  JsonNode *value = NULL;
  const char *last = segments[n - 1];

  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), segments[i]);
      else
        node = json_array_get_element (json_node_get_array (node), atoi (segments[i]));
      g_assert_nonnull (node);
    }

  if (value_json != NULL)
    value = gp_json_parse_strict (value_json, strlen (value_json), 64, NULL, NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (value != NULL)
        json_object_set_member (object, last, value);
      else
        json_object_remove_member (object, last);
    }
  else
    {
      JsonArray *array = json_node_get_array (node);

      if (strcmp (last, "-") == 0)
        json_array_add_element (array, value);
      else if (value != NULL)
        {
          /* json-glib 1.6 cannot replace an element in place: rebuild the array. */
          g_autoptr(JsonArray) copy = json_array_new ();
          guint index = atoi (last);

          for (guint i = 0; i < json_array_get_length (array); i++)
            json_array_add_element (copy, i == index ? value : json_node_copy (json_array_get_element (array, i)));
          json_node_set_array (node, copy);
        }
      else
        json_array_remove_element (array, atoi (last));
    }
}

/* Returns: (transfer none) (nullable): the first diagnostic with @code at @where, which is
 * a JSON pointer or "LINE:COL" */
static inline GpDiagnostic *
gp_test_find_diagnostic (GPtrArray        *diagnostics,
                         GpDiagnosticCode  code,
                         const char       *where)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      GpDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *position = NULL;

      if (gp_diagnostic_get_code (d) != code)
        continue;
      if (gp_diagnostic_get_line (d) > 0)
        position = g_strdup_printf ("%u:%u", gp_diagnostic_get_line (d), gp_diagnostic_get_column (d));
      else
        position = g_strdup (gp_diagnostic_get_pointer (d));
      if (g_strcmp0 (position, where) == 0)
        return d;
    }
  return NULL;
}

static inline char *
gp_test_describe_diagnostics (GPtrArray *diagnostics)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = gp_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_string_append_printf (text, "  [%s] %s\n",
                              gp_diagnostic_code_to_string (gp_diagnostic_get_code (g_ptr_array_index (diagnostics, i))),
                              line);
    }
  return g_string_free (text, FALSE);
}

/* A "notify" handler that counts into @count: a property notifies only on a real change. */
static inline void
gp_test_count_notify (GObject    *object,
                      GParamSpec *pspec,
                      guint      *count)
{
  (*count)++;
}

/* What a run of the guidepost program left behind. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} GpTestRun;

static inline void
gp_test_run_clear (GpTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GpTestRun, gp_test_run_clear)

/* Runs the guidepost program (GUIDEPOST_BINARY) as a user without a display would:
 * DISPLAY unset, LC_ALL=C.UTF-8, in @dist_dir (nullable: a folder under the tests'
 * source folder, "" for that folder itself) and with XDG_DATA_HOME=@data_home when not
 * NULL.  The arguments end with NULL. */
static inline void
gp_test_run_guidepost (GpTestRun  *run,
                       const char *dist_dir,
                       const char *data_home,
                       const char *first_arg,
                       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = dist_dir != NULL ? g_test_build_filename (G_TEST_DIST, dist_dir, NULL) : NULL;
  const char *binary = g_getenv ("GUIDEPOST_BINARY");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  if (data_home != NULL)
    envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);

  g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* The names of the JSON files in @dir, in the order the folder lists them. */
static inline GStrv
gp_test_list_json_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_suffix (name, ".json"))
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/* One line of a corpus manifest (corpus/manifest.tsv, scenario-corpus/manifest.tsv): a
 * broken file, the diagnostic it must give (code, and a JSON pointer "#/..." or
 * "LINE:COL") and its layer. */
typedef struct
{
  char *file;
  char *code;
  char *location;
  char *layer;
} GpTestCorpusCase;

static inline void
gp_test_corpus_case_free (gpointer data)
{
  GpTestCorpusCase *c = data;

  g_free (c->file);
  g_free (c->code);
  g_free (c->location);
  g_free (c->layer);
  g_free (c);
}

/* Adds @test at @path_prefix/LAYER/FILE for each case of @corpus/manifest.tsv, a folder
 * under the tests' source folder.
 * Returns: (transfer full): the cases, which the tests use until g_test_run() returns */
static inline GPtrArray *
gp_test_add_corpus (const char    *corpus,
                    const char    *path_prefix,
                    GTestDataFunc  test)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func (gp_test_corpus_case_free);
  g_autofree char *manifest_path = g_test_build_filename (G_TEST_DIST, corpus, "manifest.tsv", NULL);
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (manifest_path, &manifest, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      GpTestCorpusCase *c;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 4)
        g_error ("%s/manifest.tsv line %u: expected 4 tab-separated fields", corpus, i + 1);

      c = g_new0 (GpTestCorpusCase, 1);
      c->file = g_strdup (fields[0]);
      c->code = g_strdup (fields[1]);
      c->location = g_strdup (fields[2]);
      c->layer = g_strdup (fields[3]);
      g_ptr_array_add (cases, c);

      path = g_strdup_printf ("%s/%s/%s", path_prefix, c->layer, c->file);
      g_test_add_data_func (path, c, test);
    }
  return cases;
}

/* Returns: (transfer none) (nullable): the first diagnostic with the code @c names, at
 * the place it names */
static inline GpDiagnostic *
gp_test_find_corpus_diagnostic (GPtrArray              *diagnostics,
                                const GpTestCorpusCase *c)
{
  const char *where = c->location[0] == '#' ? c->location + 1 : c->location;
  GpDiagnostic *found = NULL;

  for (guint i = 0; i < diagnostics->len && found == NULL; i++)
    {
      GpDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (g_strcmp0 (gp_diagnostic_code_to_string (gp_diagnostic_get_code (d)), c->code) == 0)
        found = gp_test_find_diagnostic (diagnostics, gp_diagnostic_get_code (d), where);
    }
  return found;
}
