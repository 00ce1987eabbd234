/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "gp-json-doc.h"

/* json-glib 1.6 accepts comments, single quotes, hex numbers and trailing data, lets
 * the last duplicate key win and overflows the stack on deep nesting (see tech-notes).
 * This parser accepts exactly RFC 8259, in one pass with a bounded recursion depth,
 * into a GpJsonDoc; gp_json_parse_strict() turns that into a JsonNode tree. */

G_DEFINE_QUARK (gp-json-error-quark, gp_json_error)

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  const char *line_start;
  guint       line;
  guint       depth;
  guint       max_depth;
  GString    *scratch;
  GpJsonDoc  *doc;
  /* The members (or, with a NULL key, elements) of the open containers, innermost
   * last: a container is copied into the document in one piece when it closes. */
  GpJsonMember *stack;
  gsize       stack_len;
  gsize       stack_size;
  /* set on the first error */
  GError     *error;
  guint       error_line;
  guint       error_column;
} Parser;

static gboolean parse_value (Parser *parser, GpJsonValue *out);

G_GNUC_PRINTF (4, 5)
static void
fail_at (Parser     *parser,
         const char *where,
         GpJsonError code,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (parser->error != NULL)
    return;

  /* Columns count characters, as editors do; only computed on the error path. */
  parser->error_line = parser->line;
  parser->error_column = (guint) g_utf8_strlen (parser->line_start, where - parser->line_start) + 1;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&parser->error, GP_JSON_ERROR, code, "%u:%u: %s",
               parser->error_line, parser->error_column, message);
}

static const char *
describe_char (const char *p,
               const char *end,
               char        buffer[16])
{
  if (p >= end)
    return "end of input";
  if ((guchar) *p < 0x20)
    {
      g_snprintf (buffer, 16, "U+%04X", (guint) (guchar) *p);
      return buffer;
    }

  {
    gsize len = g_utf8_next_char (p) - p;

    if (len > (gsize) (end - p))
      len = end - p;
    buffer[0] = '\'';
    memcpy (buffer + 1, p, MIN (len, 12));
    buffer[1 + MIN (len, 12)] = '\'';
    buffer[2 + MIN (len, 12)] = '\0';
  }
  return buffer;
}

static void
fail_unexpected (Parser     *parser,
                 const char *expected)
{
  char buffer[16];

  fail_at (parser, parser->p, GP_JSON_ERROR_SYNTAX, "unexpected %s, expected %s",
           describe_char (parser->p, parser->end, buffer), expected);
}

static inline void
skip_whitespace (Parser *parser)
{
  const char *p = parser->p;

  while (p < parser->end)
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\r')
        p++;
      else if (c == '\n')
        {
          p++;
          parser->line++;
          parser->line_start = p;
        }
      else
        break;
    }
  parser->p = p;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser     *parser,
           const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  if (parser->end - p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

/* Reads a string at parser->p (on the opening quote) into parser->scratch. */
static gboolean
parse_string_into_scratch (Parser *parser)
{
  const char *p = parser->p + 1;
  const char *run = p;
  GString *out = parser->scratch;

  g_string_truncate (out, 0);

  for (;;)
    {
      guchar c;

      if (p >= parser->end)
        {
          parser->p = p;
          fail_at (parser, p, GP_JSON_ERROR_SYNTAX, "unterminated string");
          return FALSE;
        }

      c = (guchar) *p;
      if (c == '"')
        {
          g_string_append_len (out, run, p - run);
          parser->p = p + 1;
          return TRUE;
        }
      else if (c < 0x20)
        {
          fail_at (parser, p, GP_JSON_ERROR_SYNTAX,
                   "control character U+%04X must be escaped in a string", (guint) c);
          return FALSE;
        }
      else if (c == '\\')
        {
          const char *escape = p;
          gunichar ch;

          g_string_append_len (out, run, p - run);
          if (p + 1 >= parser->end)
            {
              fail_at (parser, parser->end, GP_JSON_ERROR_SYNTAX, "unterminated string");
              return FALSE;
            }
          switch (p[1])
            {
            case '"': g_string_append_c (out, '"'); p += 2; break;
            case '\\': g_string_append_c (out, '\\'); p += 2; break;
            case '/': g_string_append_c (out, '/'); p += 2; break;
            case 'b': g_string_append_c (out, '\b'); p += 2; break;
            case 'f': g_string_append_c (out, '\f'); p += 2; break;
            case 'n': g_string_append_c (out, '\n'); p += 2; break;
            case 'r': g_string_append_c (out, '\r'); p += 2; break;
            case 't': g_string_append_c (out, '\t'); p += 2; break;
            case 'u':
              if (!read_hex4 (parser, p + 2, &ch))
                {
                  fail_at (parser, escape, GP_JSON_ERROR_SYNTAX,
                           "\\u must be followed by four hexadecimal digits");
                  return FALSE;
                }
              p += 6;
              if (ch >= 0xD800 && ch <= 0xDBFF)
                {
                  gunichar low;

                  if (parser->end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
                      !read_hex4 (parser, p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
                    {
                      fail_at (parser, escape, GP_JSON_ERROR_SYNTAX,
                               "lone surrogate \\u%04X is not a character", (guint) ch);
                      return FALSE;
                    }
                  ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                  p += 6;
                }
              else if (ch >= 0xDC00 && ch <= 0xDFFF)
                {
                  fail_at (parser, escape, GP_JSON_ERROR_SYNTAX,
                           "lone surrogate \\u%04X is not a character", (guint) ch);
                  return FALSE;
                }
              else if (ch == 0)
                {
                  fail_at (parser, escape, GP_JSON_ERROR_SYNTAX,
                           "\\u0000 (NUL) is not allowed in a string");
                  return FALSE;
                }
              g_string_append_unichar (out, ch);
              break;
            default:
              {
                char buffer[16];

                fail_at (parser, escape, GP_JSON_ERROR_SYNTAX, "invalid escape \\%s in a string",
                         describe_char (p + 1, parser->end, buffer));
                return FALSE;
              }
            }
          run = p;
        }
      else
        p++;
    }
}

/* Reads a string at parser->p (on the opening quote) into the document. */
static const char *
parse_string (Parser *parser,
              gsize  *length)
{
  const char *start = parser->p + 1;
  const char *p = start;

  /* Most strings have no escapes and are copied straight from the text. */
  while (p < parser->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
    p++;
  if (p < parser->end && *p == '"')
    {
      parser->p = p + 1;
      *length = p - start;
      return gp_json_doc_add_string (parser->doc, start, *length);
    }

  if (!parse_string_into_scratch (parser))
    return NULL;
  *length = parser->scratch->len;
  return gp_json_doc_add_string (parser->doc, parser->scratch->str, *length);
}

static gboolean
parse_number (Parser      *parser,
              GpJsonValue *out)
{
  const char *start = parser->p;
  const char *p = start;
  gboolean is_integer = TRUE;
  char buffer[64];
  g_autofree char *heap = NULL;
  char *text;
  gsize len;

  if (p < parser->end && *p == '-')
    p++;
  if (p >= parser->end || !g_ascii_isdigit (*p))
    {
      parser->p = p;
      fail_unexpected (parser, "a digit");
      return FALSE;
    }
  if (*p == '0')
    {
      p++;
      if (p < parser->end && (g_ascii_isdigit (*p) || *p == 'x' || *p == 'X'))
        {
          fail_at (parser, p, GP_JSON_ERROR_SYNTAX,
                   "numbers may not have leading zeros or be hexadecimal");
          return FALSE;
        }
    }
  else
    while (p < parser->end && g_ascii_isdigit (*p))
      p++;

  if (p < parser->end && *p == '.')
    {
      is_integer = FALSE;
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          parser->p = p;
          fail_unexpected (parser, "a digit after the decimal point");
          return FALSE;
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      is_integer = FALSE;
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          parser->p = p;
          fail_unexpected (parser, "a digit in the exponent");
          return FALSE;
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }

  len = p - start;
  text = len < sizeof buffer ? buffer : (heap = g_malloc (len + 1));
  memcpy (text, start, len);
  text[len] = '\0';

  if (is_integer)
    {
      errno = 0;
      out->type = GP_JSON_VALUE_INT;
      out->integer = g_ascii_strtoll (text, NULL, 10);
      if (errno == ERANGE)
        {
          fail_at (parser, start, GP_JSON_ERROR_SYNTAX,
                   "integer %s is out of range (at most 19 digits)", len < 40 ? text : "");
          return FALSE;
        }
    }
  else
    {
      out->type = GP_JSON_VALUE_DOUBLE;
      out->number = g_ascii_strtod (text, NULL);
      if (!isfinite (out->number))
        {
          fail_at (parser, start, GP_JSON_ERROR_SYNTAX, "number is out of range");
          return FALSE;
        }
    }

  parser->p = p;
  return TRUE;
}

static gboolean
match_literal (Parser     *parser,
               const char *literal,
               gsize       len)
{
  if ((gsize) (parser->end - parser->p) >= len && memcmp (parser->p, literal, len) == 0)
    {
      parser->p += len;
      return TRUE;
    }
  return FALSE;
}

static gboolean
enter (Parser *parser)
{
  if (++parser->depth > parser->max_depth)
    {
      fail_at (parser, parser->p, GP_JSON_ERROR_TOO_DEEP,
               "nesting is deeper than %u levels", parser->max_depth);
      return FALSE;
    }
  return TRUE;
}

static void
push (Parser            *parser,
      const char        *key,
      const GpJsonValue *value)
{
  if (parser->stack_len == parser->stack_size)
    {
      parser->stack_size = MAX (64, parser->stack_size * 2);
      parser->stack = g_renew (GpJsonMember, parser->stack, parser->stack_size);
    }
  parser->stack[parser->stack_len].key = key;
  parser->stack[parser->stack_len].value = *value;
  parser->stack_len++;
}

/* Objects up to this size are searched for a duplicate key; larger ones use a set, so
 * hostile input with thousands of keys stays linear. */
#define DUPLICATE_SCAN_LIMIT 32

static gboolean
is_duplicate_key (Parser      *parser,
                  gsize        first,
                  const char  *key,
                  GHashTable **keys)
{
  if (*keys != NULL)
    return !g_hash_table_add (*keys, (gpointer) key);

  for (gsize i = first; i < parser->stack_len; i++)
    if (strcmp (parser->stack[i].key, key) == 0)
      return TRUE;

  if (parser->stack_len - first + 1 >= DUPLICATE_SCAN_LIMIT)
    {
      *keys = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = first; i < parser->stack_len; i++)
        g_hash_table_add (*keys, (gpointer) parser->stack[i].key);
      g_hash_table_add (*keys, (gpointer) key);
    }
  return FALSE;
}

static gboolean
parse_object (Parser      *parser,
              GpJsonValue *out)
{
  g_autoptr(GHashTable) keys = NULL;
  gsize first = parser->stack_len;
  GpJsonMember *members;
  gsize n;

  if (!enter (parser))
    return FALSE;

  parser->p++;
  skip_whitespace (parser);

  if (parser->p < parser->end && *parser->p == '}')
    parser->p++;
  else
    for (;;)
      {
        const char *key_start = parser->p;
        const char *key;
        GpJsonValue value;
        gsize key_length;

        if (parser->p >= parser->end || *parser->p != '"')
          {
            fail_unexpected (parser, "a member name in double quotes");
            return FALSE;
          }
        if ((key = parse_string (parser, &key_length)) == NULL)
          return FALSE;
        if (is_duplicate_key (parser, first, key, &keys))
          {
            fail_at (parser, key_start, GP_JSON_ERROR_DUPLICATE_KEY,
                     "duplicate key \"%s\" in the same object", key);
            return FALSE;
          }

        skip_whitespace (parser);
        if (parser->p >= parser->end || *parser->p != ':')
          {
            fail_unexpected (parser, "':' after the member name");
            return FALSE;
          }
        parser->p++;
        skip_whitespace (parser);

        if (!parse_value (parser, &value))
          return FALSE;
        push (parser, key, &value);

        skip_whitespace (parser);
        if (parser->p < parser->end && *parser->p == ',')
          {
            parser->p++;
            skip_whitespace (parser);
            continue;
          }
        if (parser->p < parser->end && *parser->p == '}')
          {
            parser->p++;
            break;
          }
        fail_unexpected (parser, "',' or '}'");
        return FALSE;
      }

  parser->depth--;
  n = parser->stack_len - first;
  members = gp_json_doc_alloc (parser->doc, n * sizeof (GpJsonMember));
  if (n > 0)
    memcpy (members, parser->stack + first, n * sizeof (GpJsonMember));
  parser->stack_len = first;
  out->type = GP_JSON_VALUE_OBJECT;
  out->length = (guint) n;
  out->members = members;
  return TRUE;
}

static gboolean
parse_array (Parser      *parser,
             GpJsonValue *out)
{
  gsize first = parser->stack_len;
  GpJsonValue *elements;
  gsize n;

  if (!enter (parser))
    return FALSE;

  parser->p++;
  skip_whitespace (parser);

  if (parser->p < parser->end && *parser->p == ']')
    parser->p++;
  else
    for (;;)
      {
        GpJsonValue value;

        if (!parse_value (parser, &value))
          return FALSE;
        push (parser, NULL, &value);

        skip_whitespace (parser);
        if (parser->p < parser->end && *parser->p == ',')
          {
            parser->p++;
            skip_whitespace (parser);
            continue;
          }
        if (parser->p < parser->end && *parser->p == ']')
          {
            parser->p++;
            break;
          }
        fail_unexpected (parser, "',' or ']'");
        return FALSE;
      }

  parser->depth--;
  n = parser->stack_len - first;
  elements = gp_json_doc_alloc (parser->doc, n * sizeof (GpJsonValue));
  for (gsize i = 0; i < n; i++)
    elements[i] = parser->stack[first + i].value;
  parser->stack_len = first;
  out->type = GP_JSON_VALUE_ARRAY;
  out->length = (guint) n;
  out->elements = elements;
  return TRUE;
}

static gboolean
parse_value (Parser      *parser,
             GpJsonValue *out)
{
  gsize length;

  if (parser->p >= parser->end)
    {
      fail_unexpected (parser, "a value");
      return FALSE;
    }

  switch (*parser->p)
    {
    case '{':
      return parse_object (parser, out);
    case '[':
      return parse_array (parser, out);
    case '"':
      if ((out->string = parse_string (parser, &length)) == NULL)
        return FALSE;
      out->type = GP_JSON_VALUE_STRING;
      out->length = (guint) length;
      return TRUE;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (parser, out);
    case 't':
      if (match_literal (parser, "true", 4))
        {
          out->type = GP_JSON_VALUE_BOOLEAN;
          out->boolean = TRUE;
          return TRUE;
        }
      break;
    case 'f':
      if (match_literal (parser, "false", 5))
        {
          out->type = GP_JSON_VALUE_BOOLEAN;
          out->boolean = FALSE;
          return TRUE;
        }
      break;
    case 'n':
      if (match_literal (parser, "null", 4))
        {
          out->type = GP_JSON_VALUE_NULL;
          out->integer = 0;
          return TRUE;
        }
      break;
    case '/':
      fail_at (parser, parser->p, GP_JSON_ERROR_SYNTAX, "comments are not allowed in JSON");
      return FALSE;
    case '\'':
      fail_at (parser, parser->p, GP_JSON_ERROR_SYNTAX,
               "strings must be in double quotes, not single quotes");
      return FALSE;
    default:
      break;
    }

  fail_unexpected (parser, "a value (object, array, string, number, true, false or null)");
  return FALSE;
}

/**
 * gp_json_doc_parse:
 * @data: the text
 * @length: its length in bytes
 * @max_depth: how many arrays and objects may nest
 * @line: (out) (optional): where an error is, 1-based
 * @column: (out) (optional): where an error is, 1-based, in characters
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
GpJsonDoc *
gp_json_doc_parse (const char  *data,
                   gsize        length,
                   guint        max_depth,
                   guint       *line,
                   guint       *column,
                   GError     **error)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  g_autoptr(GpJsonDoc) doc = NULL;
  Parser parser = { 0 };
  const char *invalid = NULL;
  GpJsonValue root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = gp_json_doc_new (length);
  parser.start = parser.p = parser.line_start = data;
  parser.end = data + length;
  parser.line = 1;
  parser.max_depth = max_depth;
  parser.scratch = scratch;
  parser.doc = doc;

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      /* Count lines up to the bad byte so the position is right. */
      for (const char *p = data; p < invalid; p++)
        if (*p == '\n')
          {
            parser.line++;
            parser.line_start = p + 1;
          }
      if (*invalid == '\0')
        fail_at (&parser, invalid, GP_JSON_ERROR_SYNTAX, "a NUL byte is not allowed in JSON text");
      else
        fail_at (&parser, invalid, GP_JSON_ERROR_NOT_UTF8,
                 "invalid UTF-8 (byte 0x%02X at offset %" G_GSIZE_FORMAT ")",
                 (guint) (guchar) *invalid, (gsize) (invalid - data));
    }
  else
    {
      skip_whitespace (&parser);
      if (parser.p >= parser.end)
        {
          parser.line = 1;
          parser.line_start = data;
          fail_at (&parser, data, GP_JSON_ERROR_EMPTY, "the document is empty");
        }
      else if (parse_value (&parser, &root))
        {
          skip_whitespace (&parser);
          if (parser.p < parser.end)
            {
              char buffer[16];

              fail_at (&parser, parser.p, GP_JSON_ERROR_SYNTAX,
                       "unexpected %s after the end of the document",
                       describe_char (parser.p, parser.end, buffer));
            }
          else
            gp_json_doc_set_root (doc, &root);
        }
    }
  g_free (parser.stack);

  if (parser.error != NULL)
    {
      if (line != NULL)
        *line = parser.error_line;
      if (column != NULL)
        *column = parser.error_column;
      g_propagate_error (error, parser.error);
      return NULL;
    }

  if (line != NULL)
    *line = 0;
  if (column != NULL)
    *column = 0;
  return g_steal_pointer (&doc);
}

/**
 * gp_json_parse_strict:
 * @data: the text
 * @length: its length in bytes
 * @max_depth: how many arrays and objects may nest
 * @line: (out) (optional): where an error is, 1-based
 * @column: (out) (optional): where an error is, 1-based, in characters
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
JsonNode *
gp_json_parse_strict (const char  *data,
                      gsize        length,
                      guint        max_depth,
                      guint       *line,
                      guint       *column,
                      GError     **error)
{
  g_autoptr(GpJsonDoc) doc = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = gp_json_doc_parse (data, length, max_depth, line, column, error);
  if (doc == NULL)
    return NULL;
  return gp_json_value_to_node (gp_json_doc_get_root (doc));
}
