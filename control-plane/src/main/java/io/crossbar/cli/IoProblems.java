package io.crossbar.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What went wrong with a file, in words an operator can act on. The file system's exceptions
 * carry only the path as their message ({@code NoSuchFileException: target/x}), so printing the
 * message alone says where but not what.
 */
final class IoProblems
{
    private IoProblems()
    {
    }

    /**
     * @param ex the failure.
     * @return "PATH: what is wrong", the path absolute (commands run from the project's top
     * directory, which a relative path would hide).
     */
    static String describe(final IOException ex)
    {
        if (ex instanceof FileSystemException fs && fs.getFile() != null)
        {
            final String where = absolute(fs.getFile()) +
                (fs.getOtherFile() != null ? " -> " + absolute(fs.getOtherFile()) : "");
            return where + ": " + reason(ex);
        }
        return reason(ex);
    }

    /**
     * @param ex the failure.
     * @return what is wrong, without the path.
     */
    static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof FileAlreadyExistsException)
        {
            return "exists and is not a directory";
        }
        if (ex instanceof NotDirectoryException)
        {
            return "not a directory";
        }
        if (ex instanceof DirectoryNotEmptyException)
        {
            return "directory not empty";
        }
        if (ex instanceof CharacterCodingException)
        {
            return "not valid UTF-8 text";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason();
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    private static String absolute(final String file)
    {
        try
        {
            return Path.of(file).toAbsolutePath().normalize().toString();
        }
        catch (final RuntimeException ex)
        {
            return file;
        }
    }
}
