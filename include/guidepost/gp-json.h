/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GP_JSON_ERROR (gp_json_error_quark ())

typedef enum {
  GP_JSON_ERROR_SYNTAX,
  GP_JSON_ERROR_TOO_DEEP,
  GP_JSON_ERROR_DUPLICATE_KEY,
  GP_JSON_ERROR_EMPTY,
  GP_JSON_ERROR_NOT_UTF8,
} GpJsonError;

GQuark    gp_json_error_quark (void);

/* Parses strict RFC 8259 JSON into a json-glib tree: no comments, no single quotes, no
 * hex or octal numbers, no trailing data, no raw control characters, no duplicate keys,
 * no lone surrogates, integers within gint64, nesting at most @max_depth,
 * valid UTF-8 (checked here).  On error, *@line and *@column (1-based, columns in
 * characters) say where, and the message starts with "LINE:COLUMN: ".  Shared by the flow loader and the co-browse protocol. */
JsonNode *gp_json_parse_strict (const char  *data,
                                gsize        length,
                                guint        max_depth,
                                guint       *line,
                                guint       *column,
                                GError     **error);

G_END_DECLS
