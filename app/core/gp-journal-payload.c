/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gp-journal-private.h"

/* Reads back the payload text the journal wrote (json-glib's generator output).
 * JsonParser builds a scanner per call, which dominates resuming a long session;
 * this reader takes the common case and leaves anything unusual to gp_json_parse_strict(). */


typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  gboolean    too_deep;
} Reader;

static JsonNode *read_value (Reader *r);

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\t' || *r->p == '\r'))
    r->p++;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* At the opening quote.  Returns: (transfer full) (nullable) */
static char *
read_string (Reader *r)
{
  g_autoptr(GString) text = NULL;
  const char *start = ++r->p;

  while (r->p < r->end)
    {
      guchar c = (guchar) *r->p;

      if (c == '"')
        {
          char *result = text != NULL ? g_string_free (g_steal_pointer (&text), FALSE)
                                      : g_strndup (start, r->p - start);
          r->p++;
          if (!g_utf8_validate (result, -1, NULL))
            {
              g_free (result);
              return NULL;
            }
          return result;
        }
      if (c < 0x20)
        return NULL;
      if (c != '\\')
        {
          if (text != NULL)
            g_string_append_c (text, (char) c);
          r->p++;
          continue;
        }

      if (text == NULL)
        text = g_string_new_len (start, r->p - start);
      if (r->end - r->p < 2)
        return NULL;
      r->p++;
      switch (*r->p++)
        {
        case '"':  g_string_append_c (text, '"'); break;
        case '\\': g_string_append_c (text, '\\'); break;
        case '/':  g_string_append_c (text, '/'); break;
        case 'b':  g_string_append_c (text, '\b'); break;
        case 'f':  g_string_append_c (text, '\f'); break;
        case 'n':  g_string_append_c (text, '\n'); break;
        case 'r':  g_string_append_c (text, '\r'); break;
        case 't':  g_string_append_c (text, '\t'); break;
        case 'u':
          {
            int unit = r->end - r->p >= 4 ? hex4 (r->p) : -1;

            if (unit < 0)
              return NULL;
            r->p += 4;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u' ? hex4 (r->p + 2) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return NULL;   /* a lone surrogate: the strict parser decides */
                r->p += 6;
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (unit >= 0xdc00 && unit <= 0xdfff)
              return NULL;
            if (unit == 0)
              return NULL;     /* would cut the C string short */
            g_string_append_unichar (text, (gunichar) unit);
            break;
          }
        default:
          return NULL;
        }
    }
  return NULL;
}

static JsonNode *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean is_double = FALSE;
  char buffer[64];
  char *end = NULL;
  gsize length;

  while (r->p < r->end && (g_ascii_isdigit (*r->p) || strchr ("+-.eE", *r->p) != NULL))
    {
      if (*r->p == '.' || *r->p == 'e' || *r->p == 'E')
        is_double = TRUE;
      r->p++;
    }
  length = r->p - start;
  if (length == 0 || length >= sizeof buffer)
    return NULL;
  memcpy (buffer, start, length);
  buffer[length] = '\0';

  errno = 0;
  if (is_double)
    {
      double value = g_ascii_strtod (buffer, &end);

      if (*end != '\0' || errno != 0)
        return NULL;
      return json_node_init_double (json_node_alloc (), value);
    }
  else
    {
      gint64 value = g_ascii_strtoll (buffer, &end, 10);

      if (*end != '\0' || errno != 0)
        return NULL;
      return json_node_init_int (json_node_alloc (), value);
    }
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (r->end - r->p) < length || memcmp (r->p, word, length) != 0)
    return FALSE;
  r->p += length;
  return TRUE;
}

static JsonObject *
read_object (Reader *r)
{
  g_autoptr(JsonObject) object = json_object_new ();

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return g_steal_pointer (&object);
    }
  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"' || (name = read_string (r)) == NULL)
        return NULL;
      if (json_object_has_member (object, name))
        return NULL;   /* a duplicate: the strict parser refuses it */
      skip_space (r);
      if (r->p >= r->end || *r->p++ != ':')
        return NULL;
      if ((value = read_value (r)) == NULL)
        return NULL;
      json_object_set_member (object, name, value);
      skip_space (r);
      if (r->p >= r->end)
        return NULL;
      if (*r->p == '}')
        {
          r->p++;
          return g_steal_pointer (&object);
        }
      if (*r->p++ != ',')
        return NULL;
    }
}

static JsonArray *
read_array (Reader *r)
{
  g_autoptr(JsonArray) array = json_array_new ();

  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return g_steal_pointer (&array);
    }
  for (;;)
    {
      JsonNode *value = read_value (r);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p >= r->end)
        return NULL;
      if (*r->p == ']')
        {
          r->p++;
          return g_steal_pointer (&array);
        }
      if (*r->p++ != ',')
        return NULL;
    }
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node = NULL;

  skip_space (r);
  if (r->p >= r->end)
    return NULL;

  switch (*r->p)
    {
    case '{':
    case '[':
      if (++r->depth > GP_JOURNAL_PAYLOAD_MAX_DEPTH)
        {
          r->too_deep = TRUE;
          return NULL;
        }
      if (*r->p == '{')
        {
          JsonObject *object = read_object (r);

          if (object != NULL)
            node = json_node_init_object (json_node_alloc (), object);
          g_clear_pointer (&object, json_object_unref);
        }
      else
        {
          JsonArray *array = read_array (r);

          if (array != NULL)
            node = json_node_init_array (json_node_alloc (), array);
          g_clear_pointer (&array, json_array_unref);
        }
      r->depth--;
      return node;
    case '"':
      {
        g_autofree char *text = read_string (r);

        return text != NULL ? json_node_init_string (json_node_alloc (), text) : NULL;
      }
    case 't':
      return read_word (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_word (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_word (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_number (r);
    }
}

JsonObject *
gp_journal_payload_parse (const char  *text,
                          gsize        length,
                          gboolean    *too_deep)
{
  Reader r = { text, text + length, 0, FALSE };
  g_autoptr(JsonNode) node = NULL;

  *too_deep = FALSE;
  skip_space (&r);
  if (r.p >= r.end || *r.p != '{')
    return NULL;
  node = read_value (&r);
  *too_deep = r.too_deep;
  if (node == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    return NULL;
  return json_node_dup_object (node);
}
