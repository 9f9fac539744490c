#include "schema.h"

#include "orm/schema/builder.h"

namespace myapp {

migrate::orm::MetaData schema() {
    migrate::orm::SchemaBuilder b;
    // Names of keys, indexes and constraints the code does not name itself.
    b.naming_convention("ix", "ix_%(table_name)s_%(column_0_name)s");
    b.naming_convention("uq", "uq_%(table_name)s_%(column_0_name)s");
    b.naming_convention("fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s");
    b.naming_convention("pk", "pk_%(table_name)s");

    // A PostgreSQL enum type; a CHECK constraint on SQLite.
    b.enumeration("author_status", {"active", "suspended"});

    auto& authors = b.table("authors");
    authors.column("id", "Integer").primary_key();
    authors.column("email", "String(120)").nullable(false).unique();
    authors.column("display_name", "String(80)").nullable(false);
    authors.column("status", "Enum(author_status)").nullable(false);

    auto& posts = b.table("posts");
    posts.column("id", "Integer").primary_key();
    posts.column("author_id", "Integer")
        .nullable(false)
        .foreign_key("authors.id")
        .on_delete("CASCADE");
    posts.column("slug", "String(120)").nullable(false);
    posts.column("title", "String(200)").nullable(false);
    posts.column("body", "Text");
    posts.column("published_at", "DateTime").index();
    posts.unique({"author_id", "slug"});  // a slug is unique per author

    auto& tags = b.table("tags");
    tags.column("id", "Integer").primary_key();
    tags.column("name", "String(40)").nullable(false).unique();

    auto& post_tags = b.table("post_tags");
    post_tags.column("post_id", "Integer").foreign_key("posts.id").on_delete("CASCADE");
    post_tags.column("tag_id", "Integer").foreign_key("tags.id").on_delete("CASCADE");
    post_tags.primary_key({"post_id", "tag_id"});

    return b.build();
}

}  // namespace myapp
