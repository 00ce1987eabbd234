/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-test-utils.h"

/* The strict parser: what json-glib 1.6 lets through must be refused, with the position. */

typedef struct
{
  const char  *name;
  const char  *input;
  GpJsonError  code;
  guint        line;
  guint        column;
} BadCase;

static const BadCase bad_cases[] = {
  { "comment", "{\"a\": /* no */ 1}", GP_JSON_ERROR_SYNTAX, 1, 7 },
  { "line-comment", "[1,\n// no\n2]", GP_JSON_ERROR_SYNTAX, 2, 1 },
  { "single-quotes", "{'a': 1}", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "single-quoted-value", "[ 'a' ]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "hex", "[0x10]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "octal", "[010]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "plus-sign", "[+1]", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "bare-dot", "[1.]", GP_JSON_ERROR_SYNTAX, 1, 4 },
  { "trailing-junk", "[1][2]", GP_JSON_ERROR_SYNTAX, 1, 4 },
  { "trailing-comma-array", "[1,2,]", GP_JSON_ERROR_SYNTAX, 1, 6 },
  { "trailing-comma-object", "{\"a\":1,}", GP_JSON_ERROR_SYNTAX, 1, 8 },
  { "double-comma", "[1,,2]", GP_JSON_ERROR_SYNTAX, 1, 4 },
  { "raw-newline-in-string", "[\"a\nb\"]", GP_JSON_ERROR_SYNTAX, 1, 4 },
  { "raw-tab-in-string", "[\"a\tb\"]", GP_JSON_ERROR_SYNTAX, 1, 4 },
  { "nan", "[NaN]", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "infinity", "[-Infinity]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "big-integer", "[9223372036854775808]", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "huge-exponent", "[1e999]", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "lone-high-surrogate", "[\"\\ud800\"]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "lone-low-surrogate", "[\"x\\udc00\"]", GP_JSON_ERROR_SYNTAX, 1, 4 },
  { "nul-escape", "[\"\\u0000\"]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "bad-escape", "[\"\\q\"]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "short-unicode-escape", "[\"\\u12\"]", GP_JSON_ERROR_SYNTAX, 1, 3 },
  { "unterminated-string", "[\"abc", GP_JSON_ERROR_SYNTAX, 1, 6 },
  { "truncated-object", "{\"a\": 1", GP_JSON_ERROR_SYNTAX, 1, 8 },
  { "truncated-after-colon", "{\"a\":", GP_JSON_ERROR_SYNTAX, 1, 6 },
  { "missing-colon", "{\"a\" 1}", GP_JSON_ERROR_SYNTAX, 1, 6 },
  { "unquoted-key", "{a: 1}", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "true-typo", "[tru]", GP_JSON_ERROR_SYNTAX, 1, 2 },
  { "bom", "\xef\xbb\xbf{}", GP_JSON_ERROR_SYNTAX, 1, 1 },
  { "column-counts-characters", "{\"é€😀\": x}", GP_JSON_ERROR_SYNTAX, 1, 9 },
  { "line-counting", "{\n  \"a\": 1,\n  \"b\": ?\n}", GP_JSON_ERROR_SYNTAX, 3, 8 },
  { "duplicate-key", "{\"a\": 1,\n \"a\": 2}", GP_JSON_ERROR_DUPLICATE_KEY, 2, 2 },
  { "duplicate-key-escaped", "{\"a\": 1, \"\\u0061\": 2}", GP_JSON_ERROR_DUPLICATE_KEY, 1, 10 },
  { "empty", "", GP_JSON_ERROR_EMPTY, 1, 1 },
  { "whitespace-only", " \n\t\n ", GP_JSON_ERROR_EMPTY, 1, 1 },
  { "invalid-utf8", "[\"a\xff\"]", GP_JSON_ERROR_NOT_UTF8, 1, 4 },
  { "overlong-utf8", "\n[\"\xc0\xaf\"]", GP_JSON_ERROR_NOT_UTF8, 2, 3 },
  { "too-deep", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", GP_JSON_ERROR_TOO_DEEP, 1, 9 },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint line = 99, column = 99;
  g_autofree char *prefix = NULL;

  root = gp_json_parse_strict (bad->input, strlen (bad->input), 8, &line, &column, &error);
  g_assert_null (root);
  g_assert_error (error, GP_JSON_ERROR, (int) bad->code);
  g_assert_cmpuint (line, ==, bad->line);
  g_assert_cmpuint (column, ==, bad->column);
  prefix = g_strdup_printf ("%u:%u: ", bad->line, bad->column);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_nul_byte (void)
{
  static const char input[] = "[1,\0 2]";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint line = 0, column = 0;

  root = gp_json_parse_strict (input, sizeof input - 1, 8, &line, &column, &error);
  g_assert_null (root);
  g_assert_error (error, GP_JSON_ERROR, GP_JSON_ERROR_SYNTAX);
  g_assert_cmpuint (column, ==, 4);
}

/* 100,000 brackets would overflow json-glib's stack; here it is a clean error. */
static void
test_hostile_depth (void)
{
  const gsize n = 100000;
  g_autofree char *input = g_malloc (n);
  g_autoptr(GError) error = NULL;
  guint line = 0, column = 0;

  memset (input, '[', n);
  g_assert_null (gp_json_parse_strict (input, n, 64, &line, &column, &error));
  g_assert_error (error, GP_JSON_ERROR, GP_JSON_ERROR_TOO_DEEP);
  g_assert_cmpuint (column, ==, 65);
}

static void
test_good (void)
{
  static const char input[] =
    "{\"s\": \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"i\": -42, \"big\": 9223372036854775807,"
    " \"d\": 2.5e-3, \"z\": 0, \"t\": true, \"f\": false, \"n\": null, \"a\": [], \"o\": {},"
    " \"nested\": [[1, [2]], {\"k\": [3]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = gp_json_parse_strict (input, strlen (input), 8, NULL, NULL, &error);
  g_autoptr(JsonParser) reference = json_parser_new ();
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "a\"b\\c/\b\f\n\r\té😀");
  g_assert_cmpint (json_object_get_int_member (object, "i"), ==, -42);
  g_assert_cmpint (json_object_get_int_member (object, "big"), ==, G_MAXINT64);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "d"), 0.0025, 1e-12);
  g_assert_true (json_object_get_boolean_member (object, "t"));
  g_assert_true (json_object_get_null_member (object, "n"));

  /* The same tree json-glib itself builds from strict input. */
  json_parser_load_from_data (reference, input, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (root, json_parser_get_root (reference)));
}

static void
test_key_order_kept (void)
{
  static const char input[] = "{\"z\": 1, \"a\": 2, \"m\": 3}";
  g_autoptr(JsonNode) root = gp_json_parse_strict (input, strlen (input), 8, NULL, NULL, NULL);
  JsonObjectIter iter;
  const char *key;
  GString *keys = g_string_new (NULL);

  json_object_iter_init_ordered (&iter, json_node_get_object (root));
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    g_string_append (keys, key);
  g_assert_cmpstr (keys->str, ==, "zam");
  g_string_free (keys, TRUE);
}

/* gp_json_node_append(): every kind of value, escapes and key order, read back as the
 * same document by the strict parser. */
static void
test_direct_writer (void)
{
  static const char *documents[] = {
    "{}",
    "[]",
    "{\"a\":1,\"z\":-9223372036854775808,\"m\":true,\"b\":false,\"n\":null,\"d\":0.5,\"e\":-1.25e+300}",
    "{\"quote\":\"say \\\"hi\\\" \\\\ there\",\"ctl\":\"\\u0001\\u001f\\n\\r\\t\\b\\f\",\"uni\":\"caf\u00e9 \u2028 \\ud83d\\ude00\"}",
    "[1,[2,[3,{\"deep\":[\"x\"]}]],\"\"]",
    "{\"z\":1,\"a\":2,\"m\":{\"y\":3,\"b\":4}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = gp_json_parse_strict (documents[i], strlen (documents[i]), 64, NULL, NULL, &error);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(JsonNode) back = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      gp_json_node_append (node, out);
      back = gp_json_parse_strict (out->str, out->len, 64, NULL, NULL, &error);
      g_assert_no_error (error);
      expected = json_to_string (node, FALSE);
      got = json_to_string (back, FALSE);
      g_assert_cmpstr (got, ==, expected);
      /* Compact: no spaces outside strings in these documents' structure. */
      g_assert_null (strstr (out->str, ": "));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/guidepost/json/refuses/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/guidepost/json/refuses/nul-byte", test_nul_byte);
  g_test_add_func ("/guidepost/json/refuses/hostile-depth", test_hostile_depth);
  g_test_add_func ("/guidepost/json/accepts-strict-json", test_good);
  g_test_add_func ("/guidepost/json/keeps-key-order", test_key_order_kept);
  g_test_add_func ("/guidepost/json/direct-writer", test_direct_writer);

  return g_test_run ();
}
