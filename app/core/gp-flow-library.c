/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <guidepost/gp-diagnostic.h>
#include <guidepost/gp-flow.h>
#include <guidepost/gp-flow-error.h>
#include <guidepost/gp-flow-library.h>
#include <guidepost/gp-flow-loader.h>

#include "gp-core-resources.h"

#define BUNDLED_FLOWS_PATH RESOURCE_BASE "/flows/"
/* Editors and copy tools touch a file several times in a row: read once they settle. */
#define RELOAD_DELAY_MS 100

/* How much a query word counts, by where it is found and how well it matches. */
#define WEIGHT_GOAL    3.0
#define WEIGHT_TITLE   2.0
#define WEIGHT_SUMMARY 1.0
#define MATCH_EXACT    1.0
#define MATCH_PREFIX   0.75   /* "forg" in "forgot" */
#define MATCH_STEM     0.5    /* "renewing" for "renew" */
#define MIN_STEM_CHARS 4

/* One source file as last read.  Unchanged bytes give back the same flow object, so a
 * reload that changes nothing changes nothing in the model either. */
typedef struct {
  char      *origin;    /* path or resource:// URI */
  gboolean   user;      /* from the user's folder, not bundled */
  GBytes    *bytes;     /* NULL when the loader read the file itself */
  GpFlow    *flow;      /* NULL when the file is broken */
  GPtrArray *problems;  /* GpDiagnostic, errors only */
} Entry;

struct _GpFlowLibrary
{
  GObject       parent_instance;

  char         *resource_path;   /* ends with '/' */
  GFile        *user_dir;
  GFileMonitor *monitor;
  guint         reload_id;
  char        **languages;       /* normalised ("en-gb"); NULL: the user's own */

  GHashTable   *entries;         /* origin → Entry */
  GPtrArray    *candidates;      /* GpFlow: every usable flow, every locale */
  GPtrArray    *flows;           /* GpFlow: the model, one per id, by title */
  GListStore   *problems;        /* GpDiagnostic */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GpFlowLibrary, gp_flow_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->origin);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_clear_object (&entry->flow);
  g_ptr_array_unref (entry->problems);
  g_free (entry);
}

/* "en_GB.UTF-8@euro" → "en-gb"; BCP 47 tags compare the same way. */
static char *
normalise_language (const char *name)
{
  char *tag = g_ascii_strdown (name, strcspn (name, ".@"));

  g_strdelimit (tag, "_", '-');
  return tag;
}

static char **
normalise_languages (const char * const *names)
{
  GPtrArray *tags = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      char *tag = normalise_language (names[i]);

      if (*tag == '\0' || g_str_equal (tag, "c") || g_str_equal (tag, "posix") ||
          g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_free (tag);
      else
        g_ptr_array_add (tags, tag);
    }
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_free (tags, FALSE);
}

/* Returns: 2 when @flow's locale is @tag, 1 when its primary language is, else 0. */
static int
language_match (GpFlow     *flow,
                const char *tag)
{
  g_autofree char *locale = normalise_language (gp_flow_get_locale (flow));

  if (g_str_equal (locale, tag))
    return 2;
  locale[strcspn (locale, "-")] = '\0';
  return g_str_equal (locale, tag) ? 1 : 0;
}

/* @flows[0..n) share an id and are sorted by locale, so every choice is deterministic. */
static GpFlow *
choose_translation (GpFlow             **flows,
                    guint                n,
                    const char * const  *languages)
{
  for (guint l = 0; languages[l] != NULL; l++)
    {
      for (int wanted = 2; wanted > 0; wanted--)
        for (guint i = 0; i < n; i++)
          if (language_match (flows[i], languages[l]) == wanted)
            return flows[i];
    }

  for (guint i = 0; i < n; i++)
    if (language_match (flows[i], "en") > 0)
      return flows[i];

  return flows[0];
}

static int
compare_id_locale (gconstpointer a,
                   gconstpointer b)
{
  GpFlow *flow_a = *(GpFlow **) a;
  GpFlow *flow_b = *(GpFlow **) b;
  int ret = strcmp (gp_flow_get_id (flow_a), gp_flow_get_id (flow_b));

  return ret != 0 ? ret : g_ascii_strcasecmp (gp_flow_get_locale (flow_a),
                                               gp_flow_get_locale (flow_b));
}

static int
compare_title (gconstpointer a,
               gconstpointer b)
{
  GpFlow *flow_a = *(GpFlow **) a;
  GpFlow *flow_b = *(GpFlow **) b;
  int ret = g_utf8_collate (gp_flow_get_title (flow_a), gp_flow_get_title (flow_b));

  return ret != 0 ? ret : strcmp (gp_flow_get_id (flow_a), gp_flow_get_id (flow_b));
}

/* Picks one translation per id and publishes the result, telling views only about the
 * range that differs so that their selection and scroll position survive. */
static void
publish_flows (GpFlowLibrary *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (self->candidates, NULL, NULL);
  g_autoptr(GPtrArray) flows = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) system = NULL;
  const char * const *languages = (const char * const *) self->languages;
  guint old_n = self->flows->len;
  guint prefix = 0, suffix = 0;

  g_ptr_array_set_free_func (sorted, NULL);   /* borrowed: the copy took the free func too */
  if (languages == NULL)
    languages = (const char * const *) (system = normalise_languages (g_get_language_names ()));

  g_ptr_array_sort (sorted, compare_id_locale);
  for (guint i = 0, j; i < sorted->len; i = j)
    {
      GpFlow **group = (GpFlow **) &sorted->pdata[i];

      for (j = i + 1; j < sorted->len; j++)
        if (!g_str_equal (gp_flow_get_id (sorted->pdata[j]), gp_flow_get_id (group[0])))
          break;
      g_ptr_array_add (flows, g_object_ref (choose_translation (group, j - i, languages)));
    }
  g_ptr_array_sort (flows, compare_title);

  while (prefix < old_n && prefix < flows->len &&
         self->flows->pdata[prefix] == flows->pdata[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < flows->len - prefix &&
         self->flows->pdata[old_n - 1 - suffix] == flows->pdata[flows->len - 1 - suffix])
    suffix++;
  if (prefix == old_n && old_n == flows->len)
    return;

  g_ptr_array_unref (self->flows);
  self->flows = g_steal_pointer (&flows);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_n - prefix - suffix,
                              self->flows->len - prefix - suffix);
}

static void
publish_problems (GpFlowLibrary *self,
                  GPtrArray     *problems)
{
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  gboolean same = old_n == problems->len;

  for (guint i = 0; same && i < old_n; i++)
    {
      g_autoptr(GpDiagnostic) old = g_list_model_get_item (G_LIST_MODEL (self->problems), i);
      g_autofree char *a = gp_diagnostic_to_string (old);
      g_autofree char *b = gp_diagnostic_to_string (problems->pdata[i]);

      same = g_str_equal (a, b);
    }

  if (!same)
    g_list_store_splice (self->problems, 0, old_n, problems->pdata, problems->len);
}

static void
load_entry (Entry *entry,
            GFile *file)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *message;

  if (entry->bytes != NULL)
    entry->flow = gp_flow_load_bytes (entry->bytes, entry->origin, diagnostics, &error);
  else
    entry->flow = gp_flow_load_file (file, NULL, diagnostics, &error);

  if (entry->flow != NULL)
    return;

  message = error != NULL ? error->message : "The flow could not be loaded";
  g_debug ("Skipping flow %s: %s", entry->origin, message);
  for (guint i = 0; i < diagnostics->len; i++)
    if (gp_diagnostic_get_severity (diagnostics->pdata[i]) == GP_SEVERITY_ERROR)
      g_ptr_array_add (entry->problems, g_object_ref (diagnostics->pdata[i]));

  if (entry->problems->len == 0)
    g_ptr_array_add (entry->problems,
                     gp_diagnostic_new (GP_SEVERITY_ERROR, GP_DIAGNOSTIC_UNREADABLE,
                                        entry->origin, "", 0, 0, message));
}

/* Returns: (transfer none): the entry for @origin, kept from the last scan when its bytes
 * are the same, else loaded afresh.  @bytes NULL lets the loader read @file itself. */
static Entry *
scan_file (GpFlowLibrary *self,
           GHashTable    *next,
           const char    *origin,
           gboolean       user,
           GBytes        *bytes,
           GFile         *file)
{
  Entry *entry = NULL;

  /* The old table's key is the entry's own origin: stealing it frees nothing. */
  if (g_hash_table_steal_extended (self->entries, origin, NULL, (gpointer *) &entry) &&
      !(bytes != NULL && entry->bytes != NULL && g_bytes_equal (bytes, entry->bytes)))
    g_clear_pointer (&entry, entry_free);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->origin = g_strdup (origin);
      entry->user = user;
      entry->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
      entry->problems = g_ptr_array_new_with_free_func (g_object_unref);
      load_entry (entry, file);
    }

  g_hash_table_replace (next, entry->origin, entry);
  return entry;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
scan_resources (GpFlowLibrary *self,
                GHashTable    *next,
                GPtrArray     *order)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  names = g_resources_enumerate_children (self->resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      g_debug ("No bundled flows at %s: %s", self->resource_path, error->message);
      return;
    }
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (self->resource_path, names[i], NULL);
      g_autofree char *origin = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GFile) file = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      file = g_file_new_for_uri (origin);
      g_ptr_array_add (order, scan_file (self, next, origin, FALSE, bytes, file));
    }
}

static int
compare_file_names (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (g_file_info_get_name (*(GFileInfo **) a), g_file_info_get_name (*(GFileInfo **) b));
}

static void
scan_user_dir (GpFlowLibrary *self,
               GHashTable    *next,
               GPtrArray     *order)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (self->user_dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE, NULL, &error);
  while (enumerator != NULL &&
         (info = g_file_enumerator_next_file (enumerator, NULL, &error)) != NULL)
    g_ptr_array_add (infos, info);
  if (error != NULL)
    g_debug ("Cannot list %s: %s", g_file_peek_path (self->user_dir), error->message);
  g_ptr_array_sort (infos, compare_file_names);

  for (guint i = 0; i < infos->len; i++)
    {
      const char *name;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) read_error = NULL;
      g_autofree char *origin = NULL;
      char *contents;
      gsize length;

      info = infos->pdata[i];
      name = g_file_info_get_name (info);
      /* Hidden names are editors' and tools' temporary copies. */
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          g_file_info_get_is_hidden (info) || !g_str_has_suffix (name, ".json"))
        continue;

      file = g_file_get_child (self->user_dir, name);
      origin = g_file_get_path (file);
      if (origin == NULL)
        origin = g_file_get_uri (file);

      /* A huge file is refused by the loader without reading it into memory first. */
      if (g_file_info_get_size (info) <= GP_FLOW_MAX_BYTES)
        {
          if (g_file_load_contents (file, NULL, &contents, &length, NULL, &read_error))
            bytes = g_bytes_new_take (contents, length);
          else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            continue;   /* removed since it was listed: the monitor will tell us */
        }
      g_ptr_array_add (order, scan_file (self, next, origin, TRUE, bytes, file));
    }
}

/* Reads every source (only changed files are parsed again), applies user overrides and
 * publishes the flows and the problems. */
static void
scan_sources (GpFlowLibrary *self)
{
  g_autoptr(GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  Entry *entry;

  if (self->resource_path != NULL)
    scan_resources (self, next, order);
  if (self->user_dir != NULL)
    scan_user_dir (self, next, order);

  /* Bundled entries come first in @order, so a user file replaces a bundled one. */
  for (guint i = 0; i < order->len; i++)
    {
      Entry *previous;
      g_autofree char *locale = NULL;
      g_autofree char *key = NULL;

      entry = order->pdata[i];
      for (guint j = 0; j < entry->problems->len; j++)
        g_ptr_array_add (problems, g_object_ref (entry->problems->pdata[j]));
      if (entry->flow == NULL)
        continue;

      locale = normalise_language (gp_flow_get_locale (entry->flow));
      key = g_strconcat (gp_flow_get_id (entry->flow), " ", locale, NULL);
      previous = g_hash_table_lookup (by_key, key);
      if (previous != NULL && previous->user == entry->user)
        {
          g_autofree char *message =
            g_strdup_printf ("Flow “%s” in locale %s is already in %s; this file is ignored",
                             gp_flow_get_id (entry->flow), gp_flow_get_locale (entry->flow),
                             previous->origin);

          g_ptr_array_add (problems, gp_diagnostic_new (GP_SEVERITY_ERROR, GP_DIAGNOSTIC_DUPLICATE_ID,
                                                        entry->origin, "/id", 0, 0, message));
          continue;
        }
      g_hash_table_replace (by_key, g_steal_pointer (&key), entry);
    }

  g_ptr_array_set_size (self->candidates, 0);
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_ptr_array_add (self->candidates, g_object_ref (entry->flow));

  /* Entries left in the old table belong to files that are gone. */
  g_hash_table_unref (self->entries);
  self->entries = g_steal_pointer (&next);

  publish_flows (self);
  publish_problems (self, problems);
}

static void
reload_timeout_cb (gpointer user_data)
{
  GpFlowLibrary *self = user_data;

  self->reload_id = 0;
  scan_sources (self);
}

static void
user_dir_changed_cb (GFileMonitor      *monitor,
                     GFile             *file,
                     GFile             *other_file,
                     GFileMonitorEvent  event,
                     gpointer           user_data)
{
  GpFlowLibrary *self = user_data;

  /* Coalesce a burst of events into one reload, at most RELOAD_DELAY_MS after the first. */
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add_once (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
watch_user_dir (GpFlowLibrary *self)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_file_peek_path (self->user_dir);

  /* Watching needs the folder to exist; creating it also shows people where flows go. */
  if (path != NULL && g_mkdir_with_parents (path, 0700) != 0)
    g_debug ("Cannot create %s: %s", path, g_strerror (errno));

  self->monitor = g_file_monitor_directory (self->user_dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s for flows: %s", path, error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (user_dir_changed_cb), self);
}

static GType
gp_flow_library_get_item_type (GListModel *model)
{
  return GP_TYPE_FLOW;
}

static guint
gp_flow_library_get_n_items (GListModel *model)
{
  return GP_FLOW_LIBRARY (model)->flows->len;
}

static gpointer
gp_flow_library_get_item (GListModel *model,
                          guint       position)
{
  GpFlowLibrary *self = GP_FLOW_LIBRARY (model);

  if (position >= self->flows->len)
    return NULL;
  return g_object_ref (self->flows->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gp_flow_library_get_item_type;
  iface->get_n_items = gp_flow_library_get_n_items;
  iface->get_item = gp_flow_library_get_item;
}

static void
gp_flow_library_dispose (GObject *object)
{
  GpFlowLibrary *self = GP_FLOW_LIBRARY (object);

  /* Both would call back into a dying object. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (gp_flow_library_parent_class)->dispose (object);
}

static void
gp_flow_library_finalize (GObject *object)
{
  GpFlowLibrary *self = GP_FLOW_LIBRARY (object);

  g_free (self->resource_path);
  g_clear_object (&self->user_dir);
  g_strfreev (self->languages);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->candidates);
  g_ptr_array_unref (self->flows);
  g_object_unref (self->problems);

  G_OBJECT_CLASS (gp_flow_library_parent_class)->finalize (object);
}

static void
gp_flow_library_class_init (GpFlowLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gp_flow_library_dispose;
  object_class->finalize = gp_flow_library_finalize;

  /* Referencing the generated getter keeps the bundled flows' object file in the link. */
  (void) gp_core_get_resource ();
}

static void
gp_flow_library_init (GpFlowLibrary *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  self->flows = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_list_store_new (GP_TYPE_DIAGNOSTIC);
}

GpFlowLibrary *
gp_flow_library_new (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "guidepost", "flows", NULL);
  g_autoptr(GFile) user_dir = g_file_new_for_path (path);

  return gp_flow_library_new_for_sources (BUNDLED_FLOWS_PATH, user_dir);
}

GpFlowLibrary *
gp_flow_library_new_for_sources (const char *resource_path,
                                 GFile      *user_dir)
{
  GpFlowLibrary *self;

  g_return_val_if_fail (user_dir == NULL || G_IS_FILE (user_dir), NULL);

  self = g_object_new (GP_TYPE_FLOW_LIBRARY, NULL);
  if (resource_path != NULL)
    self->resource_path = g_str_has_suffix (resource_path, "/")
                          ? g_strdup (resource_path) : g_strconcat (resource_path, "/", NULL);
  if (user_dir != NULL)
    {
      self->user_dir = g_object_ref (user_dir);
      watch_user_dir (self);
    }
  scan_sources (self);
  return self;
}

void
gp_flow_library_set_languages (GpFlowLibrary      *self,
                               const char * const *languages)
{
  g_auto(GStrv) tags = NULL;

  g_return_if_fail (GP_IS_FLOW_LIBRARY (self));

  tags = languages != NULL ? normalise_languages (languages) : NULL;
  if (tags == self->languages ||
      (tags != NULL && self->languages != NULL &&
       g_strv_equal ((const char * const *) tags, (const char * const *) self->languages)))
    return;

  g_strfreev (self->languages);
  self->languages = g_steal_pointer (&tags);
  publish_flows (self);
}

void
gp_flow_library_reload (GpFlowLibrary *self)
{
  g_return_if_fail (GP_IS_FLOW_LIBRARY (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  scan_sources (self);
}

GListModel *
gp_flow_library_get_problems (GpFlowLibrary *self)
{
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->problems);
}

GpFlow *
gp_flow_library_lookup (GpFlowLibrary *self,
                        const char    *id)
{
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->flows->len; i++)
    if (g_str_equal (gp_flow_get_id (self->flows->pdata[i]), id))
      return self->flows->pdata[i];
  return NULL;
}

static const char * const stop_words[] = {
  "a", "about", "am", "an", "and", "are", "at", "be", "by", "can", "cant", "do", "dont",
  "for", "from", "have", "how", "i", "im", "in", "is", "it", "ive", "me", "my", "need",
  "of", "on", "or", "please", "so", "the", "this", "to", "want", "what", "with", "would",
  NULL
};

/* Case-folded words without accents: "Can’t renew my Café card!" → "cant", "renew",
 * "my", "cafe", "card". */
static GPtrArray *
fold_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return words;
  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);

  for (const char *p = decomposed; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Marks are the accents NFKD split off; apostrophes join "can't" into one word. */
      if (c != 0 && (g_unichar_ismark (c) || c == '\'' || c == 0x2019))
        continue;
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_ptr_array_add (words, g_strndup (word->str, word->len));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return words;
}

/* Drops stop words and one-letter words, unless nothing else would be left. */
static GPtrArray *
meaningful_words (GPtrArray *words)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < words->len; i++)
    if (g_utf8_strlen (words->pdata[i], -1) > 1 && !g_strv_contains (stop_words, words->pdata[i]))
      g_ptr_array_add (kept, g_strdup (words->pdata[i]));

  if (kept->len == 0)
    {
      g_ptr_array_unref (kept);
      return g_ptr_array_ref (words);
    }
  return kept;
}

static double
match_word (const char *query_word,
            const char *word)
{
  if (g_str_equal (query_word, word))
    return MATCH_EXACT;
  if (g_str_has_prefix (word, query_word))
    return MATCH_PREFIX;
  if (g_str_has_prefix (query_word, word) && g_utf8_strlen (word, -1) >= MIN_STEM_CHARS)
    return MATCH_STEM;
  return 0.0;
}

static double
match_words (GPtrArray  *words,
             const char *query_word)
{
  double best = 0.0;

  for (guint i = 0; i < words->len; i++)
    best = MAX (best, match_word (query_word, words->pdata[i]));
  return best;
}

/* A goal whose every word the customer said, in the goal's order: they said the goal. */
static double
goal_phrase_bonus (GPtrArray *goal_words,
                   GPtrArray *query)
{
  g_autoptr(GPtrArray) goal = meaningful_words (goal_words);
  guint q = 0;

  for (guint g = 0; g < goal->len; g++, q++)
    {
      while (q < query->len && match_word (query->pdata[q], goal->pdata[g]) == 0.0)
        q++;
      if (q == query->len)
        return 0.0;
    }
  return goal->len > 0 ? 2.0 + goal->len : 0.0;
}

static double
score_words (GpFlow    *flow,
             GPtrArray *query)
{
  const char * const *goals = gp_flow_get_goals (flow);
  g_autoptr(GPtrArray) title = fold_words (gp_flow_get_title (flow));
  g_autoptr(GPtrArray) summary = fold_words (gp_flow_get_summary (flow));
  g_autoptr(GPtrArray) goal_words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  double score = 0.0;
  double bonus = 0.0;

  for (guint i = 0; goals != NULL && goals[i] != NULL; i++)
    g_ptr_array_add (goal_words, fold_words (goals[i]));

  /* Each query word counts once, where it weighs most. */
  for (guint q = 0; q < query->len; q++)
    {
      const char *word = query->pdata[q];
      double best = MAX (WEIGHT_TITLE * match_words (title, word),
                         WEIGHT_SUMMARY * match_words (summary, word));

      for (guint g = 0; g < goal_words->len; g++)
        best = MAX (best, WEIGHT_GOAL * match_words (goal_words->pdata[g], word));
      score += best;
    }
  if (score == 0.0)
    return 0.0;

  for (guint g = 0; g < goal_words->len; g++)
    bonus = MAX (bonus, goal_phrase_bonus (goal_words->pdata[g], query));
  return score + bonus;
}

static GPtrArray *
query_words (const char *query)
{
  g_autoptr(GPtrArray) words = fold_words (query);

  return meaningful_words (words);
}

double
gp_flow_match_score (GpFlow     *flow,
                     const char *query)
{
  g_autoptr(GPtrArray) words = NULL;

  g_return_val_if_fail (GP_IS_FLOW (flow), 0.0);

  /* An empty query matches nothing in particular; search lists every flow for it. */
  words = query_words (query);
  return words->len > 0 ? score_words (flow, words) : 0.0;
}

typedef struct {
  GpFlow *flow;
  double  score;
  guint   position;
} Hit;

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *hit_a = a;
  const Hit *hit_b = b;

  if (hit_a->score != hit_b->score)
    return hit_a->score > hit_b->score ? -1 : 1;
  return hit_a->position < hit_b->position ? -1 : hit_a->position > hit_b->position;
}

GListModel *
gp_flow_library_search (GpFlowLibrary *self,
                        const char    *query)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GArray) hits = NULL;
  GListStore *store;

  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (self), NULL);

  words = query_words (query);
  hits = g_array_sized_new (FALSE, FALSE, sizeof (Hit), self->flows->len);
  for (guint i = 0; i < self->flows->len; i++)
    {
      Hit hit = { self->flows->pdata[i], 1.0, i };

      if (words->len > 0)
        hit.score = score_words (hit.flow, words);
      if (hit.score > 0.0)
        g_array_append_val (hits, hit);
    }
  g_array_sort (hits, compare_hits);

  store = g_list_store_new (GP_TYPE_FLOW);
  for (guint i = 0; i < hits->len; i++)
    g_list_store_append (store, g_array_index (hits, Hit, i).flow);
  return G_LIST_MODEL (store);
}
