/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gp-flow-private.h"
#include "gp-json-doc.h"

G_BEGIN_DECLS

/* Reading typed fields out of JSON objects, reporting each problem as a GpDiagnostic at
 * its JSON pointer.  The flow loader and the scenario loader share these. */

typedef struct
{
  const char *file;
  GPtrArray  *diagnostics;
  GString    *pointer;      /* of the object being read */
  guint       n_errors;
  gboolean    graph_sound;  /* FALSE once an edge of the step graph is missing or broken */
  guint       first_new;    /* index of the first diagnostic this reader added */
  GPtrArray  *own_diagnostics;  /* when the caller keeps none */
} GpFieldReader;

typedef void (*GpFieldsReadItem) (GpFieldReader     *loader,
                                  const GpJsonValue *object,
                                  guint              index,
                                  gpointer           user_data);

/* Objects and arrays are GpJsonValues of that type; getters return NULL when a value is
 * absent or wrong (and then it has been reported). */
gsize gp_fields_push_key (GpFieldReader *loader, const char *key);
gsize gp_fields_push_index (GpFieldReader *loader, guint index);
void gp_fields_pop (GpFieldReader *loader, gsize old_len);
G_GNUC_PRINTF (5, 6) void gp_fields_report (GpFieldReader *loader, GpSeverity severity, GpDiagnosticCode code, const char *key, const char *format, ...);
const char * gp_fields_describe_node (const GpJsonValue *node);
gboolean gp_fields_is_blank (const char *text);
gboolean gp_fields_is_slug (const char *text);
gboolean gp_fields_is_version (const char *text);
gboolean gp_fields_is_locale (const char *text);
const char * gp_fields_suggest_key (const char *key, const char * const *known);
guint64 gp_fields_check_members (GpFieldReader *loader, const GpJsonValue *object, const char * const *known, JsonObject **extensions);
gboolean gp_fields_check_root (GpFieldReader *loader, const GpJsonValue *root, const char *kind, const char * const *known, JsonObject **extensions);
const GpJsonValue * gp_fields_get_member (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, const char *what);
const char * gp_fields_get_string_value (GpFieldReader *loader, const GpJsonValue *node, const char *key);
char * gp_fields_take_text (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, const char *what);
char * gp_fields_take_format (GpFieldReader *loader, const GpJsonValue *object, const char *expected);
char * gp_fields_take_version (GpFieldReader *loader, const GpJsonValue *object, const char *what, const char *example);
char * gp_fields_take_locale (GpFieldReader *loader, const GpJsonValue *object);
char * gp_fields_take_slug (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, const char *what);
int gp_fields_take_enum (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, const char * const *names);
double gp_fields_take_positive_number (GpFieldReader *loader, const GpJsonValue *object, const char *key);
guint gp_fields_take_count (GpFieldReader *loader, const GpJsonValue *object, const char *key);
gboolean gp_fields_take_boolean (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean *present);
const GpJsonValue * gp_fields_get_array (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, const char *what);
const GpJsonValue * gp_fields_get_object (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, const char *what);
GStrv gp_fields_take_text_array (GpFieldReader *loader, const GpJsonValue *object, const char *key, gboolean required, gboolean non_empty, const char *what, guint *out_n);
gboolean gp_fields_read_object_array (GpFieldReader *loader, const GpJsonValue *array, const char *key, const char *what, GpFieldsReadItem read, gpointer user_data);

/* Whole-file steps shared by the loaders (defined in gp-flow-loader.c): a problem is both
 * a diagnostic (syntax ones at LINE:COL) and @error in GP_FLOW_ERROR. */
char * gp_fields_file_name (GFile *file, const char *display_name);
GBytes * gp_fields_read_file (GFile *file, const char *name, GCancellable *cancellable, GPtrArray *diagnostics, GError **error);
GpJsonDoc * gp_fields_parse_bytes (GBytes *bytes, const char *file_name, GPtrArray *diagnostics, GError **error);

/* A loader's run: start() parses, then the loader reads the document; finish() turns the
 * errors among the new diagnostics into @error.  Clear the reader either way. */
GpJsonDoc * gp_fields_reader_start (GpFieldReader *reader, GBytes *bytes, const char *file_name, GPtrArray *diagnostics, GError **error);
gboolean gp_fields_reader_finish (GpFieldReader *reader, GError **error);
void gp_fields_reader_clear (GpFieldReader *reader);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GpFieldReader, gp_fields_reader_clear)

#define gp_fields_error(loader, code, key, ...) \
  gp_fields_report (loader, GP_SEVERITY_ERROR, code, key, __VA_ARGS__)

G_END_DECLS
