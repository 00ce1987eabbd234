/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include <guidepost/guidepost.h>

#define BUNDLED_FLOWS RESOURCE_BASE "/flows/"
/* Generous: without inotify GLib falls back to polling the folder. */
#define WATCHDOG_SECONDS 20

/* A small valid flow with no warnings, for files the tests write themselves. */
#define FLOW_TEMPLATE \
  "{\n" \
  "  \"format\": \"guidepost-flow/1\",\n" \
  "  \"id\": \"%s\",\n" \
  "  \"version\": \"1.0.0\",\n" \
  "  \"locale\": \"%s\",\n" \
  "  \"title\": \"%s\",\n" \
  "  \"service\": { \"name\": \"Test service\" },\n" \
  "  \"summary\": \"A flow written by the library tests.\",\n" \
  "  \"goals\": [ \"test the library\" ],\n" \
  "  \"start\": \"go\",\n" \
  "  \"steps\": [\n" \
  "    { \"id\": \"go\", \"kind\": \"screen\", \"title\": \"Go\",\n" \
  "      \"screen\": { \"heading\": \"Start\",\n" \
  "                  \"elements\": [ { \"id\": \"ok\", \"type\": \"button\", \"label\": \"OK\" } ] },\n" \
  "      \"target\": \"ok\", \"instruction\": \"Press OK.\", \"why\": \"To begin.\",\n" \
  "      \"hints\": [ \"It is the only button.\" ], \"next\": \"done\",\n" \
  "      \"failures\": [ { \"id\": \"down\", \"cause\": \"system\", \"symptom\": \"Nothing loads.\",\n" \
  "                      \"explanation\": \"The site is down.\", \"recovery\": \"go\",\n" \
  "                      \"retry_limit\": 2 } ],\n" \
  "      \"offers\": [ { \"id\": \"news\", \"title\": \"News\", \"pitch\": \"Hear about changes.\" } ] },\n" \
  "    { \"id\": \"done\", \"kind\": \"end\", \"title\": \"Done\", \"outcome\": \"completed\" }\n" \
  "  ]\n" \
  "}\n"

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
write_flow (const char *dir,
            const char *name,
            const char *id,
            const char *locale,
            const char *title)
{
  g_autofree char *json = g_strdup_printf (FLOW_TEMPLATE, id, locale, title);

  write_file (dir, name, json);
}

static char *
make_user_dir (void)
{
  char *path = g_build_filename (g_get_user_data_dir (), "test-flows", NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static GpFlowLibrary *
library_for_dir (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);

  return gp_flow_library_new_for_sources (NULL, dir);
}

static GpFlowLibrary *
library_for_fixtures (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "library", name, NULL);

  return library_for_dir (path);
}

static const char *
title_of (GpFlowLibrary *library,
          const char    *id)
{
  GpFlow *flow = gp_flow_library_lookup (library, id);

  return flow != NULL ? gp_flow_get_title (flow) : NULL;
}

static const char *
locale_of (GpFlowLibrary *library,
           const char    *id)
{
  GpFlow *flow = gp_flow_library_lookup (library, id);

  return flow != NULL ? gp_flow_get_locale (flow) : NULL;
}

static char *
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(GpFlow) flow = g_list_model_get_item (model, position);

  return flow != NULL ? g_strdup (gp_flow_get_id (flow)) : NULL;
}

/* Returns: the ids of the search results, "a b c", for readable assertions. */
static char *
search_ids (GpFlowLibrary *library,
            const char    *query)
{
  g_autoptr(GListModel) results = gp_flow_library_search (library, query);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_true (g_list_model_get_item_type (results) == GP_TYPE_FLOW);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autofree char *id = id_at (results, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
first_result (GpFlowLibrary *library,
              const char    *query)
{
  g_autoptr(GListModel) results = gp_flow_library_search (library, query);

  return id_at (results, 0);
}

/* Keeps a copy of the model up to date from items-changed alone: if the positions the
 * library reports are wrong, the copy drifts from the model. */
typedef struct {
  GPtrArray *items;
  guint      n_changes;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_assert_true (removed > 0 || added > 0);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  mirror->n_changes++;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *model)
{
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  mirror->n_changes = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

static void
mirror_assert_equal (Mirror     *mirror,
                     GListModel *model)
{
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < mirror->items->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == mirror->items->pdata[i]);
    }
}

static void
mirror_clear (Mirror     *mirror,
              GListModel *model)
{
  g_signal_handlers_disconnect_by_data (model, mirror);
  g_clear_pointer (&mirror->items, g_ptr_array_unref);
}

static void
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Iterates the main context until flow @id has @title (NULL: is gone), or fails. */
static void
wait_for_title (GpFlowLibrary *library,
                const char    *id,
                const char    *title)
{
  gboolean timed_out = FALSE;
  guint watchdog = g_timeout_add_once (WATCHDOG_SECONDS * 1000, set_true_cb, &timed_out);

  while (g_strcmp0 (title_of (library, id), title) != 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (watchdog);
  g_assert_cmpstr (title_of (library, id), ==, title);
}

static void
assert_sorted_by_title (GListModel *model)
{
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GpFlow) a = g_list_model_get_item (model, i - 1);
      g_autoptr(GpFlow) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (gp_flow_get_title (a), gp_flow_get_title (b)), <=, 0);
    }
}

static void
assert_loads_clean (GFile *file)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpFlow) flow = gp_flow_load_file (file, NULL, diagnostics, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = gp_diagnostic_to_string (diagnostics->pdata[i]);

      g_test_message ("%s", text);
    }
  g_assert_no_error (error);
  g_assert_nonnull (flow);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static void
test_fixtures_clean (void)
{
  const char *folders[] = { "locales", "search" };
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = g_strdup_printf (FLOW_TEMPLATE, "template", "en-GB", "Template");
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GpFlow) flow = gp_flow_load_bytes (bytes, "template.json", diagnostics, NULL);

  g_assert_nonnull (flow);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "library", folders[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      guint n = 0;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file_path = g_build_filename (path, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (file_path);

          g_test_message ("%s", file_path);
          assert_loads_clean (file);
          n++;
        }
      g_assert_cmpuint (n, >=, 3);
    }
}

static void
test_bundled (void)
{
  const char *ids[] = { "renew-parking-permit", "regain-online-banking",
                        "submit-meter-reading", "redirect-parcel" };
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "guidepost", "flows", NULL);
  GpFlowLibrary *library = gp_flow_library_new ();
  GListModel *model = G_LIST_MODEL (library);

  g_assert_true (g_list_model_get_item_type (model) == GP_TYPE_FLOW);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, G_N_ELEMENTS (ids));
  g_assert_null (g_list_model_get_item (model, g_list_model_get_n_items (model)));
  g_assert_cmpuint (g_list_model_get_n_items (gp_flow_library_get_problems (library)), ==, 0);
  assert_sorted_by_title (model);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GpFlow *flow = gp_flow_library_lookup (library, ids[i]);

      g_assert_nonnull (flow);
      g_assert_true (g_str_has_prefix (gp_flow_get_origin (flow), "resource://" BUNDLED_FLOWS));
    }
  g_assert_null (gp_flow_library_lookup (library, "no-such-flow"));

  /* The user's folder is created so that it can be watched. */
  g_assert_true (g_file_test (user_dir, G_FILE_TEST_IS_DIR));

  g_assert_finalize_object (library);
}

static void
test_search_ranking (void)
{
  const struct { const char *query; const char *first; } cases[] = {
    { "forgot password", "regain-online-banking" },
    { "I forgot my password", "regain-online-banking" },
    { "renew my parking permit", "renew-parking-permit" },
    { "renewing parking permit", "renew-parking-permit" },
    { "meter", "submit-meter-reading" },
    { "parcel", "redirect-parcel" },
    { "redirect delivery", "redirect-parcel" },
  };
  GpFlowLibrary *library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = first_result (library, cases[i].query);
      g_autofree char *all = search_ids (library, cases[i].query);

      g_test_message ("\"%s\" -> %s", cases[i].query, all);
      g_assert_cmpstr (first, ==, cases[i].first);
    }

  g_assert_finalize_object (library);
}

static void
test_search_words (void)
{
  GpFlowLibrary *library = library_for_fixtures ("search");
  GpFlow *cafe = gp_flow_library_lookup (library, "join-cafe-rewards");
  GpFlow *card = gp_flow_library_lookup (library, "renew-library-card");
  GpFlow *swim = gp_flow_library_lookup (library, "book-swimming-lesson");
  const struct { const char *query; const char *ids; } cases[] = {
    /* case and accents are ignored, both ways */
    { "CAFE", "join-cafe-rewards" },
    { "café", "join-cafe-rewards" },
    { "Rénew LIBRARY", "renew-library-card" },
    /* word prefixes, as the customer types */
    { "libr ca", "renew-library-card join-cafe-rewards book-swimming-lesson" },
    { "swim", "book-swimming-lesson" },
    /* stop words do not match everything */
    { "how do I renew my library card", "renew-library-card join-cafe-rewards book-swimming-lesson" },
    { "I want the swimming", "book-swimming-lesson" },
    /* goals weigh more than the summary; ties keep library order */
    { "card", "join-cafe-rewards renew-library-card book-swimming-lesson" },
    { "pothole", "" },
  };

  g_assert_nonnull (cafe);
  g_assert_nonnull (card);
  g_assert_nonnull (swim);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search_ids (library, cases[i].query);

      g_test_message ("\"%s\" -> %s", cases[i].query, ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }

  /* An empty query lists everything, in library order. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GListModel) all = gp_flow_library_search (library, i == 0 ? "" : " ,, ");

      g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *a = id_at (all, j);
          g_autofree char *b = id_at (G_LIST_MODEL (library), j);

          g_assert_cmpstr (a, ==, b);
        }
    }

  /* Exact beats prefix beats a longer word of the same stem. */
  g_assert_cmpfloat (gp_flow_match_score (swim, "swim"), >, gp_flow_match_score (swim, "swi"));
  g_assert_cmpfloat (gp_flow_match_score (card, "renew"), >, gp_flow_match_score (card, "ren"));
  g_assert_cmpfloat (gp_flow_match_score (card, "ren"), >, gp_flow_match_score (card, "renewing"));
  g_assert_cmpfloat (gp_flow_match_score (card, "renewing"), >, 0.0);
  /* ... but a stem needs four letters: "and" is not the start of "andante" */
  g_assert_cmpfloat (gp_flow_match_score (swim, "andante"), ==, 0.0);

  /* Goals weigh more than titles, titles more than summaries. */
  g_assert_cmpfloat (gp_flow_match_score (cafe, "loyalty"), >, gp_flow_match_score (cafe, "rewards"));
  g_assert_cmpfloat (gp_flow_match_score (cafe, "rewards"), >, gp_flow_match_score (cafe, "every"));
  g_assert_cmpfloat (gp_flow_match_score (cafe, "every"), >, 0.0);

  /* A whole goal said in order is worth more than the same words shuffled. */
  g_assert_cmpfloat (gp_flow_match_score (card, "library card expired"), >,
                     gp_flow_match_score (card, "expired card library"));

  /* Only stop words: then they are all there is to search for. */
  g_assert_cmpfloat (gp_flow_match_score (cafe, "the"), >, 0.0);
  g_assert_cmpfloat (gp_flow_match_score (swim, "the"), ==, 0.0);
  g_assert_cmpfloat (gp_flow_match_score (swim, ""), ==, 0.0);
  g_assert_cmpfloat (gp_flow_match_score (swim, "pothole"), ==, 0.0);

  g_assert_finalize_object (library);
}

static void
test_live_reload (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "guidepost", "flows", NULL);
  g_autofree char *path = g_build_filename (dir, "live.en-GB.json", NULL);
  g_autofree char *json = g_strdup_printf (FLOW_TEMPLATE, "live", "en-GB", "Second title");
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  GpFlowLibrary *library = gp_flow_library_new_for_sources (NULL, file);
  GListModel *model = G_LIST_MODEL (library);
  Mirror mirror;
  guint n_changes;
  FILE *stream;

  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  mirror_init (&mirror, model);

  write_flow (dir, "other.en-GB.json", "other", "en-GB", "Another flow");
  wait_for_title (library, "other", "Another flow");
  write_flow (dir, "live.en-GB.json", "live", "en-GB", "First title");
  wait_for_title (library, "live", "First title");
  g_assert_cmpuint (mirror.n_changes, >=, 2);
  mirror_assert_equal (&mirror, model);

  /* Reading the same files again changes nothing, so views are not disturbed. */
  n_changes = mirror.n_changes;
  gp_flow_library_reload (library);
  g_assert_cmpuint (mirror.n_changes, ==, n_changes);

  /* Editors often rewrite a file in place rather than replacing it. */
  stream = fopen (path, "w");
  g_assert_nonnull (stream);
  g_assert_cmpint (fputs (json, stream), >=, 0);
  g_assert_cmpint (fclose (stream), ==, 0);
  wait_for_title (library, "live", "Second title");
  g_assert_cmpuint (mirror.n_changes, >, n_changes);
  mirror_assert_equal (&mirror, model);
  assert_sorted_by_title (model);

  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_for_title (library, "live", NULL);
  mirror_assert_equal (&mirror, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gp_flow_library_get_problems (library)), ==, 0);

  mirror_clear (&mirror, model);
  g_assert_finalize_object (library);
}

static void
test_locale_fallback (void)
{
  const struct { const char *languages[4]; const char *locale; } cases[] = {
    { { "fr_FR", NULL }, "fr-FR" },
    { { "fr", NULL }, "fr-FR" },
    { { "fr_FR.UTF-8", "fr_FR@euro", NULL }, "fr-FR" },
    { { "cy_GB", "cy", NULL }, "cy" },
    { { "de_DE", "de", NULL }, "en-GB" },
    { { "en_US", "en", NULL }, "en-GB" },
    { { "C", NULL }, "en-GB" },
  };
  GpFlowLibrary *library = library_for_fixtures ("locales");
  g_autofree char *dir = make_user_dir ();
  GpFlowLibrary *no_english;
  Mirror mirror;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gp_flow_library_set_languages (library, cases[i].languages);
      g_assert_cmpstr (locale_of (library, "pay-council-tax"), ==, cases[i].locale);
    }

  /* The model changes only when the chosen translation does. */
  mirror_init (&mirror, G_LIST_MODEL (library));
  gp_flow_library_set_languages (library, (const char *[]) { "fr_FR", NULL });
  g_assert_cmpuint (mirror.n_changes, ==, 1);
  gp_flow_library_set_languages (library, (const char *[]) { "fr", NULL });
  g_assert_cmpuint (mirror.n_changes, ==, 1);
  g_assert_cmpstr (title_of (library, "pay-council-tax"), ==, "Payer la taxe d’habitation");
  gp_flow_library_set_languages (library, (const char *[]) { "cy", NULL });
  g_assert_cmpuint (mirror.n_changes, ==, 2);
  mirror_assert_equal (&mirror, G_LIST_MODEL (library));
  mirror_clear (&mirror, G_LIST_MODEL (library));
  g_assert_finalize_object (library);

  /* With neither the user's language nor English: the first locale by name. */
  write_flow (dir, "t.fr-FR.json", "translated", "fr-FR", "Bonjour");
  write_flow (dir, "t.cy.json", "translated", "cy", "Helo");
  write_flow (dir, "t.sv.json", "translated", "sv", "Hej");
  no_english = library_for_dir (dir);
  gp_flow_library_set_languages (no_english, (const char *[]) { "ja_JP", "ja", NULL });
  g_assert_cmpstr (locale_of (no_english, "translated"), ==, "cy");
  gp_flow_library_set_languages (no_english, (const char *[]) { "sv_SE", "sv", NULL });
  g_assert_cmpstr (locale_of (no_english, "translated"), ==, "sv");
  g_assert_finalize_object (no_english);
}

static gboolean
has_problem (GListModel       *problems,
             const char       *file_name,
             GpDiagnosticCode  code)
{
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GpDiagnostic) problem = g_list_model_get_item (problems, i);
      g_autofree char *text = gp_diagnostic_to_string (problem);

      g_test_message ("problem: %s", text);
      g_assert_true (gp_diagnostic_get_severity (problem) == GP_SEVERITY_ERROR);
      if (g_str_has_suffix (gp_diagnostic_get_file (problem), file_name) &&
          gp_diagnostic_get_code (problem) == code)
        return TRUE;
    }
  return FALSE;
}

static void
test_broken_user_file (void)
{
  g_autofree char *dir = make_user_dir ();
  g_autofree char *broken = g_build_filename (dir, "broken.en-GB.json", NULL);
  g_autofree char *invalid = g_build_filename (dir, "invalid.en-GB.json", NULL);
  GpFlowLibrary *library;
  GListModel *problems;

  write_flow (dir, "good.en-GB.json", "good", "en-GB", "A good flow");
  write_file (dir, "broken.en-GB.json", "{\n  \"format\": \"guidepost-flow/1\",\n  \"id\": ");
  write_file (dir, "invalid.en-GB.json",
              "{ \"format\": \"guidepost-flow/1\", \"id\": \"half-written\", \"version\": \"1.0.0\",\n"
              "  \"locale\": \"en-GB\", \"title\": \"Half written\", \"service\": { \"name\": \"Test\" },\n"
              "  \"summary\": \"No steps yet.\", \"goals\": [ \"half\" ], \"start\": \"go\" }\n");
  /* Neither hidden files nor other kinds of file are flows. */
  write_file (dir, ".scratch.json", "{");
  write_file (dir, "notes.txt", "{");

  library = library_for_dir (dir);
  problems = gp_flow_library_get_problems (library);
  g_assert_true (g_list_model_get_item_type (problems) == GP_TYPE_DIAGNOSTIC);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpstr (title_of (library, "good"), ==, "A good flow");
  g_assert_true (has_problem (problems, "/broken.en-GB.json", GP_DIAGNOSTIC_SYNTAX));
  g_assert_true (has_problem (problems, "/invalid.en-GB.json", GP_DIAGNOSTIC_MISSING_KEY));
  g_assert_false (has_problem (problems, "/.scratch.json", GP_DIAGNOSTIC_SYNTAX));
  g_assert_false (has_problem (problems, "/notes.txt", GP_DIAGNOSTIC_SYNTAX));

  /* Repaired, it joins the others and its problems go. */
  write_flow (dir, "broken.en-GB.json", "repaired", "en-GB", "Repaired");
  gp_flow_library_reload (library);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);
  g_assert_false (has_problem (problems, "/broken.en-GB.json", GP_DIAGNOSTIC_SYNTAX));
  g_assert_true (has_problem (problems, "/invalid.en-GB.json", GP_DIAGNOSTIC_MISSING_KEY));

  g_assert_cmpint (g_unlink (invalid), ==, 0);
  gp_flow_library_reload (library);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 2);

  g_assert_finalize_object (library);
}

static void
test_duplicate_user_flow (void)
{
  g_autofree char *dir = make_user_dir ();
  GpFlowLibrary *library;

  write_flow (dir, "a.en-GB.json", "twice", "en-GB", "First copy");
  write_flow (dir, "b.en-GB.json", "twice", "en-GB", "Second copy");
  library = library_for_dir (dir);

  /* The first by file name wins; the other is reported, not silently dropped. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 1);
  g_assert_cmpstr (title_of (library, "twice"), ==, "First copy");
  g_assert_true (has_problem (gp_flow_library_get_problems (library), "/b.en-GB.json",
                              GP_DIAGNOSTIC_DUPLICATE_ID));

  g_assert_finalize_object (library);
}

static void
test_user_overrides_bundled (void)
{
  g_autofree char *dir = make_user_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  GpFlowLibrary *bundled = gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL);
  guint n_bundled = g_list_model_get_n_items (G_LIST_MODEL (bundled));
  GpFlowLibrary *library;

  g_assert_cmpstr (locale_of (bundled, "renew-parking-permit"), ==, "en-GB");
  g_assert_finalize_object (bundled);

  write_flow (dir, "permit.en-GB.json", "renew-parking-permit", "en-GB", "Renew a permit (our copy)");
  write_flow (dir, "permit.cy.json", "renew-parking-permit", "cy", "Adnewyddu trwydded barcio");
  library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, file);
  gp_flow_library_set_languages (library, (const char *[]) { "en_GB", "en", NULL });

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_bundled);
  g_assert_cmpstr (title_of (library, "renew-parking-permit"), ==, "Renew a permit (our copy)");
  g_assert_cmpuint (g_list_model_get_n_items (gp_flow_library_get_problems (library)), ==, 0);
  assert_sorted_by_title (G_LIST_MODEL (library));

  /* Another locale of a bundled flow is a translation, not an override. */
  gp_flow_library_set_languages (library, (const char *[]) { "cy_GB", "cy", NULL });
  g_assert_cmpstr (title_of (library, "renew-parking-permit"), ==, "Adnewyddu trwydded barcio");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_bundled);

  g_assert_finalize_object (library);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidepost/library/fixtures-clean", test_fixtures_clean);
  g_test_add_func ("/guidepost/library/bundled", test_bundled);
  g_test_add_func ("/guidepost/library/search-ranking", test_search_ranking);
  g_test_add_func ("/guidepost/library/search-words", test_search_words);
  g_test_add_func ("/guidepost/library/live-reload", test_live_reload);
  g_test_add_func ("/guidepost/library/locale-fallback", test_locale_fallback);
  g_test_add_func ("/guidepost/library/broken-user-file", test_broken_user_file);
  g_test_add_func ("/guidepost/library/duplicate-user-flow", test_duplicate_user_flow);
  g_test_add_func ("/guidepost/library/user-overrides-bundled", test_user_overrides_bundled);

  return g_test_run ();
}
