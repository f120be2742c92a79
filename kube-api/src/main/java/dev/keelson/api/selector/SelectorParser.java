package dev.keelson.api.selector;

import dev.keelson.api.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the label selector text form exactly as Kubernetes' {@code labels.Parse} does: the same
 * tokens, the same acceptance and the same error messages.
 */
final class SelectorParser {
  private enum Tok {
    END,
    CLOSE,
    COMMA,
    BANG,
    DOUBLE_EQUALS,
    EQUALS,
    GT,
    IDENT,
    IN,
    LT,
    NOT_EQUALS,
    NOT_IN,
    OPEN
  }

  private record Item(Tok tok, String lit) {}

  private final List<Item> items = new ArrayList<>();
  private int position;

  private SelectorParser(String text) {
    Lexer lexer = new Lexer(text);
    Item item;
    do {
      item = lexer.next();
      items.add(item);
    } while (item.tok() != Tok.END);
  }

  static List<Requirement> parse(String text) {
    return new SelectorParser(text).requirements();
  }

  /** In value position "in" and "notin" are plain identifiers. */
  private Item lookahead(boolean values) {
    return asValue(items.get(position), values);
  }

  private Item consume(boolean values) {
    return asValue(items.get(position++), values);
  }

  private static Item asValue(Item item, boolean values) {
    return values && (item.tok() == Tok.IN || item.tok() == Tok.NOT_IN)
        ? new Item(Tok.IDENT, item.lit())
        : item;
  }

  private List<Requirement> requirements() {
    List<Requirement> result = new ArrayList<>();
    while (true) {
      Item next = lookahead(true);
      switch (next.tok()) {
        case IDENT, BANG -> {
          try {
            result.add(requirement());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unable to parse requirement: " + e.getMessage(), e);
          }
          Item after = consume(true);
          if (after.tok() == Tok.END) {
            return result;
          }
          if (after.tok() != Tok.COMMA) {
            throw error("found '" + after.lit() + "', expected: ',' or 'end of string'");
          }
          Item following = lookahead(true);
          if (following.tok() != Tok.IDENT && following.tok() != Tok.BANG) {
            throw error("found '" + following.lit() + "', expected: identifier after ','");
          }
        }
        case END -> {
          return result;
        }
        default ->
            throw error("found '" + next.lit() + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private Requirement requirement() {
    Item first = consume(true);
    boolean absent = first.tok() == Tok.BANG;
    Item key = absent ? consume(true) : first;
    if (key.tok() != Tok.IDENT) {
      throw error("found '" + key.lit() + "', expected: identifier");
    }
    List<String> keyErrors = Names.isQualifiedName(key.lit());
    if (!keyErrors.isEmpty()) {
      throw error(
          ErrorText.invalid("<nil>", ErrorText.quote(key.lit()), String.join("; ", keyErrors)));
    }
    Tok next = lookahead(true).tok();
    if (absent) {
      return Requirement.of(key.lit(), Operator.DOES_NOT_EXIST, List.of());
    }
    if (next == Tok.END || next == Tok.COMMA) {
      return Requirement.of(key.lit(), Operator.EXISTS, List.of());
    }
    Operator op = operator();
    List<String> values =
        op == Operator.IN || op == Operator.NOT_IN ? setValues() : List.of(exactValue());
    return Requirement.of(key.lit(), op, values);
  }

  private Operator operator() {
    Item item = consume(false);
    return switch (item.tok()) {
      case IN -> Operator.IN;
      case EQUALS -> Operator.EQUALS;
      case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
      case GT -> Operator.GREATER_THAN;
      case LT -> Operator.LESS_THAN;
      case NOT_IN -> Operator.NOT_IN;
      case NOT_EQUALS -> Operator.NOT_EQUALS;
      default -> throw error("found '" + item.lit() + "', expected: in, notin, =, ==, !=, gt, lt");
    };
  }

  /** {@code (a,b)}; empty entries ({@code ()}, {@code (a,)}, {@code (,a)}) are the empty value. */
  private List<String> setValues() {
    Item open = consume(true);
    if (open.tok() != Tok.OPEN) {
      throw error("found '" + open.lit() + "' expected: '('");
    }
    Item next = lookahead(true);
    switch (next.tok()) {
      case IDENT, COMMA -> {
        List<String> list = identifiers();
        consume(true); // the ')' identifiers() stopped at
        return list;
      }
      case CLOSE -> {
        consume(true);
        return List.of("");
      }
      default -> throw error("found '" + next.lit() + "', expected: ',', ')' or identifier");
    }
  }

  private List<String> identifiers() {
    TreeSet<String> set = new TreeSet<>();
    while (true) {
      Item item = consume(true);
      switch (item.tok()) {
        case IDENT -> {
          set.add(item.lit());
          Item next = lookahead(true);
          if (next.tok() == Tok.CLOSE) {
            return List.copyOf(set);
          }
          if (next.tok() != Tok.COMMA) {
            throw error("found '" + next.lit() + "', expected: ',' or ')'");
          }
        }
        case COMMA -> {
          if (set.isEmpty()) {
            set.add("");
          }
          Tok next = lookahead(true).tok();
          if (next == Tok.CLOSE) {
            set.add("");
            return List.copyOf(set);
          }
          if (next == Tok.COMMA) {
            set.add("");
          }
        }
        default -> throw error("found '" + item.lit() + "', expected: ',', or identifier");
      }
    }
  }

  private String exactValue() {
    Tok next = lookahead(true).tok();
    if (next == Tok.END || next == Tok.COMMA) {
      return "";
    }
    Item item = consume(true);
    if (item.tok() == Tok.IDENT) {
      return item.lit();
    }
    throw error("found '" + item.lit() + "', expected: identifier");
  }

  private static IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message);
  }

  /** Splits the text into identifiers and the symbols {@code = == != ! ( ) , > <}. */
  private static final class Lexer {
    private final String s;
    private int pos;

    Lexer(String s) {
      this.s = s;
    }

    Item next() {
      while (pos < s.length() && isWhitespace(s.charAt(pos))) {
        pos++;
      }
      if (pos >= s.length() || s.charAt(pos) == 0) {
        return new Item(Tok.END, "");
      }
      Item item = isSpecial(s.charAt(pos)) ? symbol() : word();
      if (pos < s.length() && s.charAt(pos) == 0) {
        pos++; // Kubernetes' lexer swallows a NUL that ends a token
      }
      return item;
    }

    private Item symbol() {
      char c = s.charAt(pos++);
      char d = pos < s.length() ? s.charAt(pos) : 0;
      if (d == '=' && (c == '=' || c == '!')) {
        pos++;
        return new Item(c == '=' ? Tok.DOUBLE_EQUALS : Tok.NOT_EQUALS, c + "=");
      }
      Tok tok =
          switch (c) {
            case '=' -> Tok.EQUALS;
            case '!' -> Tok.BANG;
            case '(' -> Tok.OPEN;
            case ')' -> Tok.CLOSE;
            case ',' -> Tok.COMMA;
            case '>' -> Tok.GT;
            default -> Tok.LT;
          };
      return new Item(tok, String.valueOf(c));
    }

    private Item word() {
      int start = pos;
      while (pos < s.length()
          && s.charAt(pos) != 0
          && !isSpecial(s.charAt(pos))
          && !isWhitespace(s.charAt(pos))) {
        pos++;
      }
      String word = s.substring(start, pos);
      Tok tok =
          switch (word) {
            case "in" -> Tok.IN;
            case "notin" -> Tok.NOT_IN;
            default -> Tok.IDENT;
          };
      return new Item(tok, word);
    }

    private static boolean isWhitespace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecial(char c) {
      return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
  }
}
