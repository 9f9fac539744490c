#pragma once

/// The DESIGN.md section 3 model file, shared by the tests that load it as YAML and build it in
/// C++.

namespace migrate::test {

// DESIGN.md section 3, made loadable: the referred tables exist, and the composite key and
// foreign key of the example live on a table of their own. Types and references holding a
// comma are written unquoted, as there.
inline const char* const kDesignExample = R"yaml(naming_convention:
  ix: "ix_%(table_name)s_%(column_0_name)s"
  uq: "uq_%(table_name)s_%(column_0_name)s"
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"
  pk: "pk_%(table_name)s"
  ck: "ck_%(table_name)s_%(constraint_name)s"
enums:
  mood: [sad, ok, happy]
tables:
  customers:
    schema: public
    renamed_from: clients
    comment: People who buy cookies
    columns:
      id:         {type: Integer, primary_key: true}
      email:      {type: String(60), nullable: false, unique: true}
      name:       {type: String(40), index: true}
      balance:    {type: Numeric(12, 2), server_default: "0"}
      mood:       {type: Enum(mood)}
      created_at: {type: DateTime, nullable: false, server_default: CURRENT_TIMESTAMP}
      rep_id:     {type: Integer, foreign_key: public.employees.id, ondelete: SET NULL}
      full_name:  {type: Text, renamed_from: fullname}
    indexes:
      ix_customers_name_email: {columns: [name, email]}
      ix_customers_lower_email: {expressions: ["lower(email)"], unique: true, where: "email IS NOT NULL"}
    unique_constraints:
      - {name: uq_customers_name_rep, columns: [name, rep_id]}
    foreign_keys:
      - {name: fk_customers_rep, columns: [rep_id], references: public.employees(id), ondelete: CASCADE}
    checks:
      - {name: ck_customers_balance, condition: "balance >= 0"}
      - {condition: "email <> ''"}
  employees:
    schema: public
    columns:
      id: {type: Integer, primary_key: true}
  pairs:
    columns:
      a: {type: Integer}
      b: {type: Integer}
    primary_key: [a, b]
    foreign_keys:
      - {columns: [a, b], references: other(x, y)}
  other:
    columns: {x: {type: Integer}, y: {type: Integer}}
    unique_constraints: [{columns: [x, y]}]
)yaml";

}  // namespace migrate::test
