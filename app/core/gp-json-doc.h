/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-json.h>

G_BEGIN_DECLS

/* A read-only JSON document for the loaders.  The strict parser (gp-json.c) builds it
 * into a few large arena blocks: objects and arrays are contiguous arrays, strings are
 * unescaped and NUL-terminated, and freeing it is a handful of g_free() calls.  A
 * json-glib tree costs a hash table, a list and a copy of every key per object, and
 * releasing it took as long as reading the flow. */

typedef enum
{
  GP_JSON_VALUE_NULL,
  GP_JSON_VALUE_BOOLEAN,
  GP_JSON_VALUE_INT,
  GP_JSON_VALUE_DOUBLE,
  GP_JSON_VALUE_STRING,
  GP_JSON_VALUE_ARRAY,
  GP_JSON_VALUE_OBJECT,
} GpJsonValueType;

typedef struct _GpJsonValue  GpJsonValue;
typedef struct _GpJsonMember GpJsonMember;

struct _GpJsonValue
{
  GpJsonValueType type;
  guint           length;    /* bytes of a string, elements of an array, members of an object */
  union
  {
    gboolean            boolean;
    gint64              integer;
    double              number;
    const char         *string;
    const GpJsonValue  *elements;
    const GpJsonMember *members;   /* in document order, keys unique */
  };
};

struct _GpJsonMember
{
  const char  *key;
  GpJsonValue  value;
};

typedef struct _GpJsonDoc GpJsonDoc;

/* Same rules, errors and positions as gp_json_parse_strict(), which is built on it. */
GpJsonDoc         *gp_json_doc_parse        (const char         *data,
                                             gsize               length,
                                             guint               max_depth,
                                             guint              *line,
                                             guint              *column,
                                             GError            **error);
const GpJsonValue *gp_json_doc_get_root     (const GpJsonDoc    *doc);
void               gp_json_doc_free         (GpJsonDoc          *doc);

/* Linear: objects in flows have a few members, and this beats hashing them. */
const GpJsonValue *gp_json_value_get_member (const GpJsonValue  *object,
                                             const char         *key);
/* A json-glib copy of @value, e.g. for x- extensions kept in the model. */
JsonNode          *gp_json_value_to_node    (const GpJsonValue  *value);

/* For the parser. */
GpJsonDoc         *gp_json_doc_new          (gsize               size_hint);
void               gp_json_doc_set_root     (GpJsonDoc          *doc,
                                             const GpJsonValue  *root);
gpointer           gp_json_doc_alloc        (GpJsonDoc          *doc,
                                             gsize               size);
const char        *gp_json_doc_add_string   (GpJsonDoc          *doc,
                                             const char         *text,
                                             gsize               length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GpJsonDoc, gp_json_doc_free)

G_END_DECLS
