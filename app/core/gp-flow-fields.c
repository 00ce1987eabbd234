/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-flow-fields.h"

void
gp_json_pointer_append (GString    *pointer,
                        const char *segment)
{
  g_string_append_c (pointer, '/');
  for (const char *p = segment; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
}

gsize
gp_fields_push_key (GpFieldReader     *loader,
          const char *key)
{
  gsize old_len = loader->pointer->len;

  gp_json_pointer_append (loader->pointer, key);
  return old_len;
}

gsize
gp_fields_push_index (GpFieldReader *loader,
                      guint          index)
{
  gsize old_len = loader->pointer->len;
  char digits[16];
  guint n = 0;

  /* Once per item of every array: cheaper than printf. */
  do
    digits[n++] = (char) ('0' + index % 10);
  while ((index /= 10) != 0);
  g_string_append_c (loader->pointer, '/');
  while (n > 0)
    g_string_append_c (loader->pointer, digits[--n]);
  return old_len;
}

void
gp_fields_pop (GpFieldReader *loader,
     gsize   old_len)
{
  g_string_truncate (loader->pointer, old_len);
}

/* Reports a problem at the current object, or at its member @key when not NULL. */
void
gp_fields_report (GpFieldReader           *loader,
        GpSeverity        severity,
        GpDiagnosticCode  code,
        const char       *key,
        const char       *format,
        ...)
{
  g_autofree char *message = NULL;
  gsize old_len = loader->pointer->len;
  va_list args;

  if (severity == GP_SEVERITY_ERROR)
    loader->n_errors++;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (key != NULL)
    gp_json_pointer_append (loader->pointer, key);
  g_ptr_array_add (loader->diagnostics,
                   gp_diagnostic_new (severity, code, loader->file, loader->pointer->str, 0, 0, message));
  g_string_truncate (loader->pointer, old_len);
}

#define error_at(loader, code, key, ...) gp_fields_report (loader, GP_SEVERITY_ERROR, code, key, __VA_ARGS__)

const char *
gp_fields_describe_node (const GpJsonValue *node)
{
  switch (node->type)
    {
    case GP_JSON_VALUE_OBJECT:
      return "an object";
    case GP_JSON_VALUE_ARRAY:
      return "an array";
    case GP_JSON_VALUE_NULL:
      return "null";
    case GP_JSON_VALUE_STRING:
      return "a string";
    case GP_JSON_VALUE_BOOLEAN:
      return "true or false";
    case GP_JSON_VALUE_INT:
    case GP_JSON_VALUE_DOUBLE:
    default:
      return "a number";
    }
}

gboolean
gp_fields_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
gp_fields_is_slug (const char *text)
{
  /* [a-z0-9]+(-[a-z0-9]+)* */
  gboolean after_hyphen = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
        after_hyphen = FALSE;
      else if (*p == '-' && !after_hyphen)
        after_hyphen = TRUE;
      else
        return FALSE;
    }
  return !after_hyphen;
}

gboolean
gp_fields_is_version (const char *text)
{
  /* [0-9]+\.[0-9]+\.[0-9]+ */
  const char *p = text;

  for (int part = 0; part < 3; part++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
      if (part < 2 && *p++ != '.')
        return FALSE;
    }
  return *p == '\0';
}

gboolean
gp_fields_is_locale (const char *text)
{
  /* [a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})* */
  const char *p = text;
  gsize n = 0;

  while (g_ascii_isalpha (p[n]))
    n++;
  if (n < 2 || n > 3)
    return FALSE;
  p += n;
  while (*p == '-')
    {
      p++;
      n = 0;
      while (g_ascii_isalnum (p[n]))
        n++;
      if (n < 2 || n > 8)
        return FALSE;
      p += n;
    }
  return *p == '\0';
}

/* The closest known key within two edits, to suggest for a typo. */
const char *
gp_fields_suggest_key (const char         *key,
             const char * const *known)
{
  const char *best = NULL;
  guint best_distance = 3;
  gsize key_len = strlen (key);

  if (key_len > 40)
    return NULL;

  for (guint k = 0; known[k] != NULL; k++)
    {
      gsize len = strlen (known[k]);
      guint row[48];

      if ((key_len > len ? key_len - len : len - key_len) >= best_distance)
        continue;

      for (gsize j = 0; j <= len; j++)
        row[j] = j;
      for (gsize i = 1; i <= key_len; i++)
        {
          guint diagonal = row[0];

          row[0] = i;
          for (gsize j = 1; j <= len; j++)
            {
              guint above = row[j];
              guint cost = key[i - 1] == known[k][j - 1] ? 0 : 1;

              row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
              diagonal = above;
            }
        }
      if (row[len] < best_distance)
        {
          best_distance = row[len];
          best = known[k];
        }
    }
  return best;
}

/* Reports unknown keys and keeps the x- ones, which authors may use freely.
 * Returns: a mask of the known keys present, bit i for @known[i] (up to 64 keys) */
guint64
gp_fields_check_members (GpFieldReader       *loader,
                         const GpJsonValue   *object,
                         const char * const  *known,
                         JsonObject         **extensions)
{
  guint64 present = 0;

  for (guint i = 0; i < object->length; i++)
    {
      const char *key = object->members[i].key;
      guint k;

      if (key[0] == 'x' && key[1] == '-')
        {
          if (*extensions == NULL)
            *extensions = json_object_new ();
          json_object_set_member (*extensions, key, gp_json_value_to_node (&object->members[i].value));
          continue;
        }

      for (k = 0; known[k] != NULL; k++)
        if (strcmp (known[k], key) == 0)
          break;
      if (known[k] != NULL)
        {
          g_assert (k < 64);
          present |= G_GUINT64_CONSTANT (1) << k;
        }
      else
        {
          const char *suggestion = gp_fields_suggest_key (key, known);

          if (suggestion != NULL)
            gp_fields_error (loader, GP_DIAGNOSTIC_UNKNOWN_KEY, key,
                      "unknown key \"%s\"; did you mean \"%s\"?", key, suggestion);
          else
            gp_fields_error (loader, GP_DIAGNOSTIC_UNKNOWN_KEY, key,
                      "unknown key \"%s\" (keys of your own must start with \"x-\")", key);
        }
    }
  return present;
}

/* A file's root must be an object (reported when not, naming the file's @kind);
 * then its keys are checked as by gp_fields_check_members(). */
gboolean
gp_fields_check_root (GpFieldReader       *loader,
                      const GpJsonValue   *root,
                      const char          *kind,
                      const char * const  *known,
                      JsonObject         **extensions)
{
  if (root->type != GP_JSON_VALUE_OBJECT)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, NULL,
                       "a %s file must be a JSON object, not %s", kind, gp_fields_describe_node (root));
      return FALSE;
    }
  gp_fields_check_members (loader, root, known, extensions);
  return TRUE;
}

const GpJsonValue *
gp_fields_get_member (GpFieldReader     *loader,
                      const GpJsonValue *object,
                      const char        *key,
                      gboolean           required,
                      const char        *what)
{
  const GpJsonValue *node = gp_json_value_get_member (object, key);

  if (node == NULL && required)
    gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_KEY, NULL,
              "missing required key \"%s\" (%s)", key, what);
  return node;
}

const char *
gp_fields_get_string_value (GpFieldReader     *loader,
                            const GpJsonValue *node,
                            const char        *key)
{
  if (node->type != GP_JSON_VALUE_STRING)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, key,
                "\"%s\" must be a string, not %s", key, gp_fields_describe_node (node));
      return NULL;
    }
  return node->string;
}

/* A text for people: must not be empty or only white space. */
char *
gp_fields_take_text (GpFieldReader     *loader,
                     const GpJsonValue *object,
                     const char        *key,
                     gboolean           required,
                     const char        *what)
{
  const GpJsonValue *node = gp_fields_get_member (loader, object, key, required, what);
  const char *text;

  if (node == NULL || (text = gp_fields_get_string_value (loader, node, key)) == NULL)
    return NULL;
  if (gp_fields_is_blank (text))
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_EMPTY_TEXT, key, "\"%s\" must not be empty (%s)", key, what);
      return NULL;
    }
  return g_strndup (text, node->length);
}

/* The "format" member every Guidepost file starts with.
 * Returns: (transfer full) (nullable): what the file says, even when it is not @expected */
char *
gp_fields_take_format (GpFieldReader     *loader,
                       const GpJsonValue *object,
                       const char        *expected)
{
  g_autofree char *what = g_strdup_printf ("\"%s\"", expected);
  const GpJsonValue *node = gp_fields_get_member (loader, object, "format", TRUE, what);
  char *format;

  if (node == NULL || (format = g_strdup (gp_fields_get_string_value (loader, node, "format"))) == NULL)
    return NULL;
  if (strcmp (format, expected) != 0)
    gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "format",
                     "unsupported format \"%s\": this version of Guidepost reads \"%s\"", format, expected);
  return format;
}

/* A required MAJOR.MINOR.PATCH text; @example goes into the message.
 * Returns: (transfer full) (nullable): what the file says, even when malformed */
char *
gp_fields_take_version (GpFieldReader     *loader,
                        const GpJsonValue *object,
                        const char        *what,
                        const char        *example)
{
  char *version = gp_fields_take_text (loader, object, "version", TRUE, what);

  if (version != NULL && !gp_fields_is_version (version))
    gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "version",
                     "\"version\" must be MAJOR.MINOR.PATCH, like \"%s\", not \"%s\"", example, version);
  return version;
}

/* The required BCP 47 "locale" of a file's texts.
 * Returns: (transfer full) (nullable): what the file says, even when malformed */
char *
gp_fields_take_locale (GpFieldReader     *loader,
                       const GpJsonValue *object)
{
  char *locale = gp_fields_take_text (loader, object, "locale", TRUE, "a language tag such as \"en-GB\"");

  if (locale != NULL && !gp_fields_is_locale (locale))
    gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "locale",
                     "\"locale\" must be a language tag such as \"en-GB\" or \"cy\", not \"%s\"", locale);
  return locale;
}

/* An id or a reference to one. */
char *
gp_fields_take_slug (GpFieldReader     *loader,
                     const GpJsonValue *object,
                     const char        *key,
                     gboolean           required,
                     const char        *what)
{
  const GpJsonValue *node = gp_fields_get_member (loader, object, key, required, what);
  const char *text;

  if (node == NULL || (text = gp_fields_get_string_value (loader, node, key)) == NULL)
    return NULL;
  if (!gp_fields_is_slug (text))
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, key,
                "\"%s\" must be an id of lower-case letters, digits and single hyphens, "
                "like \"enter-code\", not \"%s\"", key, text);
      return NULL;
    }
  return g_strndup (text, node->length);
}

/* Returns: the index in @names, or -1 when missing or invalid (already reported) */
int
gp_fields_take_enum (GpFieldReader      *loader,
                     const GpJsonValue  *object,
                     const char         *key,
                     gboolean            required,
                     const char * const *names)
{
  const GpJsonValue *node = gp_fields_get_member (loader, object, key, required, "one of the listed words");
  g_autofree char *list = NULL;
  const char *text;

  if (node == NULL || (text = gp_fields_get_string_value (loader, node, key)) == NULL)
    return -1;
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], text) == 0)
      return i;

  list = g_strjoinv (", ", (char **) names);
  gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, key,
            "\"%s\" must be one of %s, not \"%s\"", key, list, text);
  return -1;
}

/* Returns: the number, or -1 when absent or invalid (already reported) */
double
gp_fields_take_positive_number (GpFieldReader     *loader,
                                const GpJsonValue *object,
                                const char        *key)
{
  const GpJsonValue *node = gp_json_value_get_member (object, key);
  double value;

  if (node == NULL)
    return -1;
  if (node->type == GP_JSON_VALUE_INT)
    value = (double) node->integer;
  else if (node->type == GP_JSON_VALUE_DOUBLE)
    value = node->number;
  else
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, key,
                "\"%s\" must be a number, not %s", key, gp_fields_describe_node (node));
      return -1;
    }
  if (!(value > 0))
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, key, "\"%s\" must be more than 0", key);
      return -1;
    }
  return value;
}

/* Returns: the count, or 0 when absent or invalid (already reported) */
guint
gp_fields_take_count (GpFieldReader     *loader,
                      const GpJsonValue *object,
                      const char        *key)
{
  const GpJsonValue *node = gp_json_value_get_member (object, key);
  double value;

  if (node == NULL)
    return 0;
  if (node->type == GP_JSON_VALUE_INT)
    value = (double) node->integer;
  else if (node->type == GP_JSON_VALUE_DOUBLE && node->number == (gint64) node->number)
    value = node->number;
  else
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, key,
                "\"%s\" must be a whole number, not %s", key, gp_fields_describe_node (node));
      return 0;
    }
  if (value < 1)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, key, "\"%s\" must be at least 1", key);
      return 0;
    }
  return value > G_MAXUINT ? G_MAXUINT : (guint) value;
}

gboolean
gp_fields_take_boolean (GpFieldReader     *loader,
                        const GpJsonValue *object,
                        const char        *key,
                        gboolean          *present)
{
  const GpJsonValue *node = gp_json_value_get_member (object, key);

  *present = FALSE;
  if (node == NULL)
    return FALSE;
  if (node->type != GP_JSON_VALUE_BOOLEAN)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, key,
                "\"%s\" must be true or false, not %s", key, gp_fields_describe_node (node));
      return FALSE;
    }
  *present = TRUE;
  return node->boolean;
}

/* A member that must be an object or an array (@type), or NULL (reported). */
static const GpJsonValue *
get_container (GpFieldReader     *loader,
               const GpJsonValue *object,
               const char        *key,
               gboolean           required,
               const char        *what,
               GpJsonValueType    type)
{
  const GpJsonValue *node = gp_fields_get_member (loader, object, key, required, what);

  if (node == NULL)
    return NULL;
  if (node->type != type)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, key,
                "\"%s\" must be %s (%s), not %s", key,
                type == GP_JSON_VALUE_ARRAY ? "an array" : "an object", what, gp_fields_describe_node (node));
      return NULL;
    }
  return node;
}

const GpJsonValue *
gp_fields_get_array (GpFieldReader     *loader,
                     const GpJsonValue *object,
                     const char        *key,
                     gboolean           required,
                     const char        *what)
{
  return get_container (loader, object, key, required, what, GP_JSON_VALUE_ARRAY);
}

const GpJsonValue *
gp_fields_get_object (GpFieldReader     *loader,
                      const GpJsonValue *object,
                      const char        *key,
                      gboolean           required,
                      const char        *what)
{
  return get_container (loader, object, key, required, what, GP_JSON_VALUE_OBJECT);
}

/* An array of texts, e.g. goals or hints; @out_n may be NULL. */
GStrv
gp_fields_take_text_array (GpFieldReader     *loader,
                           const GpJsonValue *object,
                           const char        *key,
                           gboolean           required,
                           gboolean           non_empty,
                           const char        *what,
                           guint             *out_n)
{
  const GpJsonValue *array = gp_fields_get_array (loader, object, key, required, what);
  GStrv texts;
  guint n = 0;
  gsize saved;

  if (out_n != NULL)
    *out_n = 0;
  if (array == NULL)
    return NULL;

  if (array->length == 0 && non_empty)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, key, "\"%s\" must list at least one item (%s)", key, what);
      return NULL;
    }

  texts = g_new (char *, array->length + 1);
  saved = gp_fields_push_key (loader, key);
  for (guint i = 0; i < array->length; i++)
    {
      const GpJsonValue *node = &array->elements[i];

      /* The index is only spelled out for a report. */
      if (node->type != GP_JSON_VALUE_STRING || gp_fields_is_blank (node->string))
        {
          char index[16];

          g_snprintf (index, sizeof index, "%u", i);
          if (node->type != GP_JSON_VALUE_STRING)
            gp_fields_get_string_value (loader, node, index);
          else
            gp_fields_error (loader, GP_DIAGNOSTIC_EMPTY_TEXT, index, "an item of \"%s\" must not be empty", key);
          continue;
        }
      texts[n++] = g_strndup (node->string, node->length);
    }
  texts[n] = NULL;
  gp_fields_pop (loader, saved);

  if (out_n != NULL)
    *out_n = n;
  return texts;
}

/* Calls @read for each element of an array of objects, with the pointer on it. */
gboolean
gp_fields_read_object_array (GpFieldReader     *loader,
                             const GpJsonValue *array,
                             const char        *key,
                             const char        *what,
                             GpFieldsReadItem   read,
                             gpointer           user_data)
{
  gboolean all_objects = TRUE;
  gsize saved = gp_fields_push_key (loader, key);

  for (guint i = 0; i < array->length; i++)
    {
      const GpJsonValue *node = &array->elements[i];
      gsize item_saved = gp_fields_push_index (loader, i);

      if (node->type != GP_JSON_VALUE_OBJECT)
        {
          gp_fields_error (loader, GP_DIAGNOSTIC_WRONG_TYPE, NULL,
                    "each item of \"%s\" must be an object (%s), not %s", key, what, gp_fields_describe_node (node));
          all_objects = FALSE;
        }
      else
        read (loader, node, i, user_data);
      gp_fields_pop (loader, item_saved);
    }
  gp_fields_pop (loader, saved);
  return all_objects;
}

/* Sets up @reader on @diagnostics, or on its own array when that is NULL, and parses. */
GpJsonDoc *
gp_fields_reader_start (GpFieldReader  *reader,
                        GBytes         *bytes,
                        const char     *file_name,
                        GPtrArray      *diagnostics,
                        GError        **error)
{
  if (diagnostics == NULL)
    diagnostics = reader->own_diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  reader->file = file_name;
  reader->diagnostics = diagnostics;
  reader->first_new = diagnostics->len;
  reader->pointer = g_string_sized_new (64);
  reader->graph_sound = TRUE;
  return gp_fields_parse_bytes (bytes, file_name, diagnostics, error);
}

/* Loaders end the same way: when the diagnostics added since the start hold an error,
 * @error names the first one and how many more there are.
 * Returns: TRUE when there was an error */
gboolean
gp_fields_reader_finish (GpFieldReader  *reader,
                         GError        **error)
{
  GpDiagnostic *first = NULL;
  g_autofree char *text = NULL;
  guint n_errors = 0;

  for (guint i = reader->first_new; i < reader->diagnostics->len; i++)
    {
      GpDiagnostic *d = g_ptr_array_index (reader->diagnostics, i);

      if (gp_diagnostic_get_severity (d) != GP_SEVERITY_ERROR)
        continue;
      if (first == NULL)
        first = d;
      n_errors++;
    }
  if (first == NULL)
    return FALSE;

  text = gp_diagnostic_to_string (first);
  if (n_errors == 1)
    g_set_error_literal (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID, text);
  else
    g_set_error (error, GP_FLOW_ERROR, GP_FLOW_ERROR_INVALID,
                 "%s (and %u more problems)", text, n_errors - 1);
  return TRUE;
}

void
gp_fields_reader_clear (GpFieldReader *reader)
{
  if (reader->pointer != NULL)
    g_string_free (g_steal_pointer (&reader->pointer), TRUE);
  g_clear_pointer (&reader->own_diagnostics, g_ptr_array_unref);
  reader->diagnostics = NULL;
}
